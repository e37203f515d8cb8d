/**
 * Where an owner is in a bot flow. Stored as JSON beside the conversation (bot_sessions), so a
 * restart resumes the owner where they were; it is parsed back through this schema, never trusted.
 */
import { z } from 'zod';
import { REPAIR_KINDS } from './repair-categories.js';

export const FLOW_TIMEOUT_MINUTES = 30;

const repairState = z.object({
  flow: z.literal('repair'),
  step: z.enum(['category', 'description', 'photo', 'unit']),
  kind: z.enum(REPAIR_KINDS).optional(),
  description: z.string().optional(),
  photoMessageIds: z.array(z.string()).default([]),
});

const ticketNoteState = z.object({ flow: z.literal('ticket-note'), ticketNumber: z.string() });

export const flowStateSchema = z.discriminatedUnion('flow', [repairState, ticketNoteState]);
export type FlowState = z.output<typeof flowStateSchema>;
export type RepairState = z.output<typeof repairState>;

/** A stored state, or null when it is missing, unreadable or older than the timeout. */
export function readFlowState(stored: unknown, updatedAt: Date | null, now: Date): { state: FlowState | null; timedOut: boolean } {
  if (stored === null || stored === undefined) return { state: null, timedOut: false };
  const parsed = flowStateSchema.safeParse(stored);
  if (!parsed.success) return { state: null, timedOut: false };
  if (updatedAt && now.getTime() - updatedAt.getTime() > FLOW_TIMEOUT_MINUTES * 60_000) return { state: null, timedOut: true };
  return { state: parsed.data, timedOut: false };
}
