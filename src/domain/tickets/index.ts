/** The pure ticket domain: calendars, business time, SLA, escalation, statuses, numbers. */
export {
  ALWAYS_OPEN,
  OFFICE_HOURS,
  SEED_CALENDARS,
  DEFAULT_TIME_ZONE,
  businessCalendarSchema,
  timeIntervalSchema,
  weeklyHoursSchema,
  weekdaySchema,
  parseBusinessCalendar,
  hoursOn,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type TimeInterval,
  type WeeklyHours,
  type Weekday,
} from './calendar.js';
export {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpening,
  nextWorkingDayStart,
  type Pause,
} from './business-time.js';
export {
  DEFAULT_WARN_AT_PERCENT,
  SLA_TARGETS,
  slaPolicyInputSchema,
  pickPolicy,
  computeDue,
  dueWithPauses,
  slaState,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaTarget,
  type SlaLevel,
  type SlaDue,
  type SlaStates,
  type TargetState,
  type TicketTiming,
} from './sla.js';
export {
  ESCALATION_LADDER,
  TOP_ESCALATION_LEVEL,
  nextEscalation,
  escalationRole,
  clampLevel,
  type Escalation,
  type EscalationLevel,
  type EscalationReason,
  type EscalationRole,
  type RecordedEscalation,
  type SlaStatesView,
} from './escalation.js';
export {
  TICKET_STATUSES,
  allowedNext,
  transition,
  isClockPaused,
  isResolved,
  isOpen,
  isTicketStatus,
  type TicketStatus,
  type TransitionResult,
} from './state-machine.js';
export {
  TICKET_NUMBER_PREFIX,
  formatTicketNumber,
  parseTicketNumber,
  type ParsedTicketNumber,
} from './ticket-number.js';
export {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  LOCALES,
  CATEGORY_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
  ticketCategorySchema,
  ticketPrioritySchema,
  ticketStatusSchema,
  categoryLabel,
  priorityLabel,
  statusLabel,
  comparePriority,
  type TicketCategory,
  type TicketPriority,
  type Locale,
  type Labels,
} from './categories.js';
export {
  REOPEN_AT_OR_BELOW,
  followUpDueAt,
  surveyOutcome,
  noFeedbackCloseAt,
  type SurveyOutcome,
} from './follow-up.js';
export { targetMoments, nextSlaCheck, type TargetMoments } from './sla-schedule.js';
export { renderTemplate, templateVariables, formatLocalDateTime } from './notify-template.js';
export { parseSurveyReply, type SurveyReply } from './survey-reply.js';
