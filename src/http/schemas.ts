/** The API's zod schemas: they validate requests and generate /api/openapi.json. */
import { z } from '@hono/zod-openapi';
import { channelKinds } from '../../channels/registry.js';

export const ErrorSchema = z
  .object({ error: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() })
  .openapi('Error');

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), permissions: z.array(z.string()) })
  .openapi('User');

export const LoginBody = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(1024) }).openapi('LoginRequest');

export const ConversationSchema = z
  .object({
    id: z.string().uuid(),
    inboxId: z.string().uuid(),
    status: z.enum(['open', 'pending', 'resolved']),
    channel: z.string(),
    subject: z.string().nullable(),
    contact: z.object({ id: z.string(), name: z.string() }),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    lastMessageAt: z.string(),
    unreadCount: z.number().int(),
    lastMessage: z.object({ content: z.string(), direction: z.enum(['in', 'out']) }).nullable(),
    createdAt: z.string(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    labelIds: z.array(z.string().uuid()),
    snoozedUntil: z.string().nullable(),
  })
  .openapi('Conversation');

export const AttachmentSchema = z
  .object({
    kind: z.string(),
    fileId: z.string().optional(),
    fileName: z.string().optional(),
    mimeType: z.string().optional(),
    size: z.number().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    duration: z.number().optional(),
    skipped: z.string().optional(),
    /** Set when the server keeps the bytes: GET /api/messages/{id}/attachments/{index}. */
    storageKey: z.string().optional(),
  })
  .openapi('Attachment');

export const MessageSchema = z
  .object({
    id: z.string().uuid(),
    conversationId: z.string().uuid(),
    direction: z.enum(['in', 'out']),
    sender: z.object({ type: z.enum(['contact', 'agent', 'bot', 'system']), id: z.string().nullable(), name: z.string() }),
    private: z.boolean(),
    content: z.string(),
    contentType: z.string(),
    html: z.string().nullable(),
    attachments: z.array(AttachmentSchema),
    meta: z.record(z.string(), z.unknown()),
    edited: z.boolean(),
    createdAt: z.string(),
    delivery: z.object({ status: z.enum(['queued', 'sent', 'failed']), error: z.string().nullable() }).nullable(),
  })
  .openapi('Message');

export const ConversationListQuery = z.object({
  status: z.enum(['open', 'pending', 'resolved', 'all']).default('open'),
  assignee: z.enum(['me', 'unassigned', 'all']).default('all'),
  channel: z.enum(channelKinds()).optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  inboxId: z.string().uuid().optional(),
  labelId: z.string().uuid().optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  snoozed: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export const IdParam = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const OutgoingAttachmentSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    mimeType: z.string().trim().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type such as application/pdf').max(255),
    data: z.string().max(70_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').openapi({ description: 'The file, base64' }),
  })
  .openapi('OutgoingAttachment');

export const PostMessageBody = z
  .object({
    content: z.string().trim().min(1).max(65_536),
    private: z.boolean().optional(),
    /** Email conversations only; the total is capped by EMAIL_MAX_ATTACHMENT_MB. */
    attachments: z.array(OutgoingAttachmentSchema).max(10).optional(),
    /**
     * Forum conversations only: `public` posts the reply on the topic with the staff badge,
     * `private` (the default) sends it to the owner alone. Travels in the message's meta.
     */
    forumVisibility: z.enum(['public', 'private']).optional(),
  })
  .openapi('PostMessageRequest');

export const PatchConversationBody = z
  .object({ status: z.enum(['open', 'pending', 'resolved']).optional(), assigneeId: z.string().uuid().nullable().optional() })
  .refine((b) => b.status !== undefined || b.assigneeId !== undefined, { message: 'give status or assigneeId' })
  .openapi('PatchConversationRequest');

export const EventSchema = z
  .object({ seq: z.number().int(), type: z.string(), conversationId: z.string().nullable(), payload: z.record(z.string(), z.unknown()), createdAt: z.string() })
  .openapi('Event');

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
