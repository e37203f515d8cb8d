/**
 * POST /api/conversations/{id}/template-messages: an approved template message, the way to
 * reach an owner after a channel's reply window closed (capability `templates`). The channel's
 * definition checks the template and variables against the inbox's configuration; the
 * message is then stored like a reply (`queued`, meta.template) and the delivery worker sends
 * it once through the channel's `send`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { channelDefinition } from '../../../channels/registry.js';
import { can } from '../../domain/permissions.js';
import { getConversation } from '../../services/conversations.js';
import { postMessage } from '../../services/post-message.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, IdParam, jsonContent, MessageSchema } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const TemplateMessageBody = z
  .object({
    templateId: z.string().min(1).max(128),
    variables: z.record(z.string(), z.string().max(200)),
  })
  .openapi('TemplateMessageBody');

const route = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/template-messages',
  tags: ['conversations'],
  request: { params: IdParam, body: { content: { 'application/json': { schema: TemplateMessageBody } }, required: true } },
  responses: {
    201: jsonContent(MessageSchema, 'Stored and queued for delivery'),
    400: jsonContent(ErrorSchema, 'Unknown template, or variables that do not fit it'),
    403: jsonContent(ErrorSchema, 'Not allowed to reply'),
    404: jsonContent(ErrorSchema, 'No such conversation (or not yours to see)'),
    409: jsonContent(ErrorSchema, 'The inbox is not running'),
    422: jsonContent(ErrorSchema, 'This channel has no template messages'),
  },
});

export function templateMessageRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  app.openapi(route, async (c) => {
    const user = c.get('user');
    if (!can(user, 'conversation.reply')) return c.json({ error: 'you may not reply' }, 403);
    const id = c.req.valid('param').id;
    const conversation = await getConversation(db, user, id);
    if (!conversation) return c.json({ error: 'conversation not found' }, 404);
    const definition = channelDefinition(conversation.channel);
    if (!definition?.capabilities.templates || !definition.checkTemplate) return c.json({ error: 'this channel has no template messages' }, 422);
    const inbox = await deps.channelWebhooks?.resolve(conversation.channel, conversation.inboxId);
    if (!inbox) return c.json({ error: 'the inbox is not running' }, 409);
    const { templateId, variables } = c.req.valid('json');
    const check = definition.checkTemplate(inbox.config, templateId, variables);
    if (!check.ok) return c.json({ error: check.error }, 400);
    const message = await postMessage(deps.services, {
      conversationId: id,
      senderType: 'agent',
      senderId: user.id,
      content: check.preview,
      meta: { template: { id: templateId, variables } },
    });
    return message ? c.json(message, 201) : c.json({ error: 'conversation not found' }, 404);
  });
  return app;
}
