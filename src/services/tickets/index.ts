/** Ticket use cases (工单): what routes, jobs and the intake path call. */
export { TicketError, type TicketErrorCode } from './errors.js';
export { seedTickets } from './seed.js';
export { listCalendars, createCalendar, updateCalendar } from './calendars.js';
export { listDepartments, getDepartment, saveDepartment, SEED_DEPARTMENTS, type DepartmentView, type DepartmentInput } from './departments.js';
export { listPolicies, createPolicy, addPolicyVersion, policyFor, type SlaPolicyView, type PolicyInput } from './sla-policies.js';
export { getTicketSettings, saveTicketSettings, ticketSettingsSchema, ticketSettingsPatchSchema, TEMPLATE_VARIABLES, type TicketSettings } from './ticket-settings.js';
export { createTicket, type CreateTicketInput } from './create-ticket.js';
export { updateTicket, type UpdateTicketInput } from './update-ticket.js';
export { linkConversation, mergeTicket, splitTicket } from './links.js';
export { recordFollowUp, type FollowUpInput } from './follow-up-actions.js';
export { listTickets, getTicket, canReadTicket, type TicketFilter, type TicketDetail } from './ticket-queries.js';
export { sweepTickets, type SweepResult } from './sweep.js';
export { receiveSurveyCallback } from './survey-callback.js';
export { claimPendingEmails, finishEmail, strandedEmailTickets, type PendingEmail } from './notification-outbox.js';
export type { TicketView, FollowUpView } from './ticket-views.js';
