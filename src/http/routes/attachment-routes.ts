/**
 * Downloads a stored attachment of a message (email parts and files agents attached), for
 * whoever may read the conversation. Served as a download with a sandboxing CSP, so a hostile
 * HTML or SVG attachment never runs as our origin.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { messages } from '../../../db/schema/index.js';
import { getConversation } from '../../services/conversations.js';
import { loadBlob } from '../../services/email/blobs.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

/** Shown inline in the browser (raster images only); everything else is a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const downloadRoute = createRoute({
  method: 'get',
  path: '/api/messages/{id}/attachments/{index}',
  tags: ['conversations'],
  request: {
    params: z.object({
      id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }),
      index: z.coerce.number().int().min(0).max(1000).openapi({ param: { name: 'index', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    404: jsonContent(ErrorSchema, 'No such message or attachment, or it was not stored (too large)'),
  },
});

/** RFC 6266 filename*: keeps Chinese file names intact. */
function disposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function attachmentRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  app.openapi(downloadRoute, async (c) => {
    const { id, index } = c.req.valid('param');
    const [message] = await db.select({ conversationId: messages.conversationId, attachments: messages.attachments }).from(messages).where(eq(messages.id, id));
    if (!message || !(await getConversation(db, c.get('user'), message.conversationId))) return c.json({ error: 'message not found' }, 404);
    const attachment = message.attachments[index];
    const content = attachment ? await loadBlob(db, attachment.storageKey) : null;
    if (!attachment || !content) return c.json({ error: 'attachment not stored' }, 404);
    const mimeType = attachment.mimeType ?? 'application/octet-stream';
    const inline = INLINE_TYPES.has(mimeType);
    return c.body(new Uint8Array(content), 200, {
      'content-type': inline ? mimeType : 'application/octet-stream',
      'content-disposition': disposition(inline ? 'inline' : 'attachment', attachment.fileName ?? 'attachment'),
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
    });
  });

  return app;
}
