/**
 * Serves a stored attachment of a message: email parts, files agents attached, and owners'
 * media kept from Telegram, WeChat and WeCom, for whoever may read the conversation (anyone
 * else gets the same 404 as for a message that does not exist).
 *
 * Raster images, audio and video are served inline with their type (the thread shows them),
 * audio and video with byte ranges so players can seek. Everything else is a download under
 * a sandboxing CSP, so a hostile HTML or SVG file never runs as our origin. `nosniff` keeps a
 * browser from second-guessing the type; CORP keeps other sites from embedding the bytes.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { messages } from '../../../db/schema/index.js';
import { getConversation } from '../../services/conversations.js';
import { loadBlob } from '../../services/email/blobs.js';
import { isPendingMedia } from '../../services/media/pending-media.js';
import { parseByteRange } from '../byte-range.js';
import { contentDisposition, defaultFileName, isInlineMedia, safeFileName, servedContentType } from '../content-disposition.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const downloadRoute = createRoute({
  method: 'get',
  path: '/api/messages/{id}/attachments/{index}',
  tags: ['conversations'],
  description:
    'The bytes of one attachment. Authenticated by the bearer token or the session cookie (so <img> and <audio> can load it). ' +
    'Audio and video answer `Range` requests with 206.',
  request: {
    params: z.object({
      id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }),
      index: z.coerce.number().int().min(0).max(1000).openapi({ param: { name: 'index', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    206: { description: 'The requested byte range (audio and video)', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    404: jsonContent(
      ErrorSchema.extend({ reason: z.string().optional() }),
      'No such message or attachment, or not kept: `reason` is `too large`, `expired`, `failed` or `pending` (still downloading)',
    ),
    416: jsonContent(ErrorSchema, 'The range lies outside the file'),
  },
});

/** What each unkept state tells the client. */
const NOT_KEPT: Record<string, string> = {
  'too large': 'attachment not kept: too large',
  expired: 'attachment not kept: the platform no longer had the file',
  failed: 'attachment not kept: it could not be downloaded',
};

export function attachmentRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  app.openapi(downloadRoute, async (c) => {
    const { id, index } = c.req.valid('param');
    const [message] = await db.select({ conversationId: messages.conversationId, attachments: messages.attachments }).from(messages).where(eq(messages.id, id));
    if (!message || !(await getConversation(db, c.get('user'), message.conversationId))) return c.json({ error: 'message not found' }, 404);
    const attachment = message.attachments[index];
    if (!attachment) return c.json({ error: 'no such attachment' }, 404);
    if (attachment.skipped) return c.json({ error: NOT_KEPT[attachment.skipped] ?? `attachment not kept: ${attachment.skipped}`, reason: attachment.skipped }, 404);
    if (isPendingMedia(attachment)) return c.json({ error: 'attachment not downloaded yet', reason: 'pending' }, 404);
    const content = await loadBlob(db, attachment.storageKey);
    if (!content) return c.json({ error: 'attachment not stored' }, 404);

    const mimeType = servedContentType(attachment.mimeType);
    const inline = isInlineMedia(mimeType);
    const name = safeFileName(attachment.fileName, defaultFileName(attachment.kind, mimeType));
    const headers: Record<string, string> = {
      'content-type': mimeType,
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', name),
      'content-security-policy': inline ? "default-src 'none'; img-src 'self'; media-src 'self'" : "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'private, max-age=3600',
    };
    if (!/^(audio|video)\//.test(mimeType)) return c.body(new Uint8Array(content), 200, headers);

    headers['accept-ranges'] = 'bytes';
    const range = parseByteRange(c.req.header('range'), content.byteLength);
    if (range.kind === 'unsatisfiable') {
      return c.json({ error: 'range not satisfiable' }, 416, { 'content-range': `bytes */${content.byteLength}` });
    }
    if (range.kind === 'whole') return c.body(new Uint8Array(content), 200, headers);
    headers['content-range'] = `bytes ${range.start}-${range.end}/${content.byteLength}`;
    return c.body(content.slice(range.start, range.end + 1), 206, headers);
  });

  return app;
}
