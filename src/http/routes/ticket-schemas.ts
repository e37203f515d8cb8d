/** Zod schemas of the ticket API: they validate requests and describe /api/openapi.json. */
import { z } from '@hono/zod-openapi';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/tickets/index.js';
import { ErrorSchema, jsonContent } from '../schemas.js';

const Ref = z.object({ id: z.string(), name: z.string() });
const Status = z.enum(TICKET_STATUSES);

const Target = z.object({
  state: z.enum(['ok', 'at_risk', 'breached']),
  done: z.boolean(),
  dueAt: z.string().openapi({ description: 'deadline after pauses' }),
  riskAt: z.string().openapi({ description: 'when the warning threshold is reached' }),
  percentUsed: z.number(),
  minutesLeft: z.number().openapi({ description: 'working minutes; negative when overdue' }),
});

export const FollowUpSchema = z
  .object({
    id: z.string(),
    dueAt: z.string(),
    due: z.boolean(),
    completedAt: z.string().nullable(),
    note: z.string().nullable(),
    surveySentAt: z.string().nullable(),
    noFeedbackCloseAt: z.string().nullable(),
    score: z.number().int().nullable(),
    solved: z.boolean().nullable(),
    comment: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredVia: z.string().nullable(),
    outcome: z.string().nullable(),
  })
  .openapi('TicketFollowUp');

export const TicketSchema = z
  .object({
    id: z.string().uuid(),
    number: z.string().openapi({ example: 'WO-20261122-0007' }),
    status: Status,
    version: z.number().int(),
    category: z.string(),
    priority: z.enum(TICKET_PRIORITIES),
    departmentId: z.string(),
    department: Ref,
    summary: z.string(),
    location: z.string().nullable(),
    contact: Ref.nullable(),
    originConversationId: z.string().nullable(),
    conversationIds: z.array(z.string()),
    assignee: Ref.nullable(),
    accountableAgent: Ref.nullable().openapi({ description: '首问负责制: the first agent who handled the conversation' }),
    escalationLevel: z.number().int(),
    escalationRole: z.enum(['assignee', 'team_lead', 'supervisor', 'manager']),
    dueAt: z.object({ firstResponse: z.string().nullable(), resolution: z.string().nullable() }),
    sla: z
      .object({ paused: z.boolean(), calendarId: z.string(), warnAtPercent: z.number(), firstResponse: Target, resolution: Target })
      .nullable(),
    policy: z.object({ id: z.string(), name: z.string(), version: z.number().int() }).nullable(),
    allowedTransitions: z.array(Status),
    followUp: FollowUpSchema.nullable(),
    closeReason: z.string().nullable(),
    mergedIntoId: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    asOf: z.string().openapi({ description: "the server's now for the SLA figures" }),
  })
  .openapi('Ticket');

export const TicketDetailSchema = TicketSchema.extend({
  history: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  escalations: z.array(z.object({ level: z.number().int(), reason: z.string(), target: z.string().nullable(), role: z.string(), climbed: z.boolean(), at: z.string() })),
  notifications: z.array(
    z.object({
      kind: z.string(),
      channel: z.string(),
      status: z.string(),
      recipient: Ref.nullable(),
      detail: z.string().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
}).openapi('TicketDetail');

export const TicketConflictSchema = z
  .object({ error: z.string(), allowed: z.array(Status).optional(), currentVersion: z.number().int().optional() })
  .openapi('TicketConflict');

export const CreateTicketBody = z
  .object({
    // A plain string, so an unknown category is a 422 (like an unknown department), not a 400.
    category: z.string().min(1).max(64).openapi({ example: 'repair', description: 'repair | complaint | inquiry | suggestion' }),
    priority: z.enum(TICKET_PRIORITIES).default('normal'),
    departmentId: z.string().min(1).max(64),
    summary: z.string().trim().min(1).max(4000),
    location: z.string().trim().max(200).nullable().optional(),
    assigneeId: z.string().uuid().nullable().optional(),
    notifyOwner: z.boolean().optional().openapi({ description: 'tell the owner the number and deadline (default true)' }),
  })
  .openapi('CreateTicketRequest');

export const PatchTicketBody = z
  .object({
    version: z.number().int().min(1),
    status: Status.optional(),
    assigneeId: z.string().uuid().nullable().optional(),
    departmentId: z.string().min(1).max(64).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.status !== undefined || b.assigneeId !== undefined || b.departmentId !== undefined, { message: 'give status, assigneeId or departmentId' })
  .openapi('PatchTicketRequest');

export const TicketListQuery = z.object({
  status: z.union([z.enum(['open', 'all']), Status]).default('open'),
  departmentId: z.string().max(64).optional(),
  assignee: z.enum(['me', 'all']).default('all'),
  conversationId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const FollowUpBody = z
  .object({
    version: z.number().int().min(1),
    note: z.string().trim().max(2000).optional(),
    score: z.number().int().min(1).max(5).optional(),
    solved: z.boolean().optional(),
  })
  .openapi('FollowUpRequest');

export const LinkBody = z.object({ conversationId: z.string().min(1).max(64), version: z.number().int().min(1) }).openapi('LinkConversationRequest');
export const MergeBody = z.object({ sourceId: z.string().min(1).max(64), version: z.number().int().min(1) }).openapi('MergeTicketRequest');
export const SplitBody = z
  .object({ conversationIds: z.array(z.string().min(1).max(64)).min(1).max(50), version: z.number().int().min(1), summary: z.string().trim().min(1).max(4000).optional() })
  .openapi('SplitTicketRequest');

/** Every refusal a ticket operation can answer with (see ticket-errors.ts); descriptions per route override. */
export function ticketErrors(descriptions: Partial<Record<400 | 403 | 404 | 409 | 422, string>> = {}) {
  return {
    400: jsonContent(ErrorSchema, descriptions[400] ?? 'Invalid request'),
    403: jsonContent(ErrorSchema, descriptions[403] ?? 'Not allowed'),
    404: jsonContent(ErrorSchema, descriptions[404] ?? 'Not found (or not yours to see)'),
    409: jsonContent(TicketConflictSchema, descriptions[409] ?? 'Illegal transition (with the allowed next states) or stale version'),
    422: jsonContent(ErrorSchema, descriptions[422] ?? 'Unknown department, category, calendar, user or conversation'),
  };
}
