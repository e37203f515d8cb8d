/** Zod schemas of the forum's staff API (review queue, actions, boards, settings, unit claims). */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ForumConflict, ForumForbidden, ForumInvalid, ForumNotFound } from '../../services/forum/moderation-access.js';

const ImageRef = z.object({ id: z.string(), width: z.number(), height: z.number() });
const Person = z.object({ id: z.string(), name: z.string() });

export const QueueItemSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['first_post', 'flag', 'word']).or(z.string()),
    state: z.enum(['pending', 'approved', 'rejected', 'ignored']),
    reasons: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    claimedBy: Person.nullable(),
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    post: z.object({ id: z.string(), body: z.string(), status: z.string(), hiddenReason: z.string().nullable(), isFirst: z.boolean(), createdAt: z.string(), images: z.array(ImageRef) }),
    topic: z.object({ id: z.string(), title: z.string(), status: z.string(), locked: z.boolean(), pinned: z.boolean(), highlighted: z.boolean() }),
    board: z.object({ id: z.string(), slug: z.string(), name: z.string(), nameEn: z.string() }),
    author: z
      .object({ accountId: z.string(), displayName: z.string(), suspendedUntil: z.string().nullable(), suspendReason: z.string().nullable(), approvedPosts: z.number() })
      .nullable(),
  })
  .openapi('ForumQueueItem');

export const QueueItemDetailSchema = QueueItemSchema.extend({
  history: z.array(z.object({ id: z.string(), action: z.string(), actor: Person.nullable(), owner: Person.nullable(), reason: z.string().nullable(), detail: z.record(z.string(), z.unknown()), createdAt: z.string() })),
  allowed: z.record(z.string(), z.boolean()),
}).openapi('ForumQueueItemDetail');

export const QueueQuery = z.object({
  state: z.enum(['pending', 'approved', 'rejected', 'ignored', 'all']).default('pending'),
  before: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const Reason = z.string().trim().max(500);

export const DecisionBody = z.object({ decision: z.enum(['approve', 'reject', 'ignore']), reason: Reason.optional() }).openapi('ForumDecision');
export const ClaimBody = z.object({ claim: z.boolean() }).openapi('ForumClaim');
export const TopicFlagBody = z
  .object({ flag: z.enum(['locked', 'pinned', 'highlighted']), value: z.boolean(), reason: Reason.optional() })
  .openapi('ForumTopicFlag');
export const MoveBody = z.object({ boardId: z.string().uuid(), reason: Reason.optional() }).openapi('ForumMove');
export const HideBody = z.object({ reason: Reason.min(1) }).openapi('ForumHide');
export const StaffTopicBody = z
  .object({ boardId: z.string().uuid(), title: z.string().trim().min(1).max(120), body: z.string().trim().min(1).max(20_000) })
  .openapi('ForumStaffTopic');
export const SuspendBody = z.object({ days: z.number().int().min(0).max(3650), reason: Reason.optional() }).openapi('ForumSuspend');

export const BoardSchema = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    name: z.string(),
    nameEn: z.string(),
    description: z.string(),
    descriptionEn: z.string(),
    position: z.number().int(),
    isService: z.boolean(),
    staffOnlyTopics: z.boolean(),
    moderators: z.array(Person),
  })
  .openapi('ForumBoard');

export const BoardBody = z
  .object({
    slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
    name: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(60),
    description: z.string().trim().max(300).optional(),
    descriptionEn: z.string().trim().max(300).optional(),
    position: z.number().int().min(0).max(1000).optional(),
    isService: z.boolean().optional(),
    staffOnlyTopics: z.boolean().optional(),
  })
  .openapi('ForumBoardInput');

export const ModeratorsBody = z.object({ userIds: z.array(z.string().uuid()).max(50) }).openapi('ForumBoardModerators');

export const SettingsSchema = z
  .object({ premoderationThreshold: z.number().int().min(0).max(100), wordList: z.array(z.string().trim().min(1).max(100)).max(2000) })
  .openapi('ForumSettings');

export const UnitClaimSchema = z
  .object({
    accountId: z.string().uuid(),
    displayName: z.string(),
    email: z.string(),
    unit: z.string(),
    status: z.string(),
    note: z.string().nullable(),
    contactId: z.string().nullable(),
    candidates: z.array(z.object({ id: z.string(), name: z.string(), unit: z.string().nullable(), email: z.string().nullable() })),
  })
  .openapi('ForumUnitClaim');

export const ConfirmUnitBody = z.object({ contactId: z.string().uuid().nullable().default(null) }).openapi('ForumConfirmUnit');
export const RejectUnitBody = z.object({ note: z.string().trim().min(1).max(300) }).openapi('ForumRejectUnit');

/** The forum services' errors as HTTP answers; anything else goes on to onError. */
export function forumError(c: Context, err: unknown) {
  if (err instanceof ForumNotFound) return c.json({ error: err.message }, 404);
  if (err instanceof ForumForbidden) return c.json({ error: err.message }, 403);
  if (err instanceof ForumConflict) return c.json({ error: err.message }, 409);
  if (err instanceof ForumInvalid) return c.json({ error: err.message }, 422);
  throw err;
}
