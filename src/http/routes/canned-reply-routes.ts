/** Canned replies (规范服务用语), their variables, and the tone check before sending. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { isValidTonePattern } from '../../domain/workspace/tone-check.js';
import {
  CannedReplyConflict,
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  NotAllowed,
  updateCannedReply,
} from '../../services/workspace/canned-replies.js';
import { renderForConversation } from '../../services/workspace/render-reply.js';
import { DEFAULT_WORKSPACE } from '../../services/workspace/settings.js';
import { getToneRules, setToneRules, toneCheck } from '../../services/workspace/tone-rules.js';
import { getConversation } from '../../services/conversations.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['canned replies'];

const CannedReplySchema = z
  .object({
    id: z.string().uuid(),
    shortcode: z.string(),
    title: z.string(),
    content: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    folder: z.string(),
    scope: z.enum(['team', 'personal']),
  })
  .openapi('CannedReply');

const CannedReplyBody = z.object({
  shortcode: z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, _ and - only'),
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(4000),
  locale: z.enum(['zh-CN', 'en']),
  folder: z.string().trim().max(80).default(''),
  scope: z.enum(['team', 'personal']).default('personal'),
});


const listRoute = createRoute({
  method: 'get',
  path: '/api/canned-replies',
  tags,
  responses: { 200: jsonContent(z.object({ data: z.array(CannedReplySchema) }), 'Team-wide and my personal replies') },
});
const createRouteDef = createRoute({
  method: 'post',
  path: '/api/canned-replies',
  tags,
  request: jsonBody(CannedReplyBody),
  responses: {
    201: jsonContent(CannedReplySchema, 'Created'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Team-wide replies need settings.manage'),
    409: jsonContent(ErrorSchema, 'Shortcode taken in that locale'),
  },
});
const updateRoute = createRoute({
  method: 'put',
  path: '/api/canned-replies/{id}',
  tags,
  request: { params: IdParam, ...jsonBody(CannedReplyBody.omit({ scope: true })) },
  responses: {
    200: jsonContent(CannedReplySchema, 'Saved'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Not allowed'),
    404: jsonContent(ErrorSchema, 'No such reply (or not yours)'),
    409: jsonContent(ErrorSchema, 'Shortcode taken in that locale'),
  },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/canned-replies/{id}',
  tags,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, 403: jsonContent(ErrorSchema, 'Not allowed'), 404: jsonContent(ErrorSchema, 'No such reply') },
});
const renderRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/render',
  tags,
  description: 'Fills canned-reply variables for this conversation. Unknown and missing variables stay as {{name}} and are listed.',
  request: { params: IdParam, ...jsonBody(z.object({ text: z.string().min(1).max(8000) })) },
  responses: {
    200: jsonContent(z.object({ text: z.string(), unknown: z.array(z.string()), missing: z.array(z.string()) }), 'Rendered'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    404: jsonContent(ErrorSchema, 'No such conversation'),
  },
});

const ToneRuleSchema = z.object({
  pattern: z.string().min(1).max(200),
  regex: z.boolean().optional(),
  category: z.enum(['blame', 'refuse_responsibility', 'curt']),
  suggestion: z.string().max(200).optional(),
});
const FindingSchema = z.object({ start: z.number(), end: z.number(), match: z.string(), category: z.string(), suggestion: z.string().nullable() });
const toneRoute = createRoute({
  method: 'post',
  path: '/api/tone-check',
  tags,
  description: 'Flags phrasing the service rules forbid. It warns; the agent decides.',
  request: jsonBody(z.object({ text: z.string().max(65_536) })),
  responses: { 200: jsonContent(z.object({ findings: z.array(FindingSchema) }), 'Findings, in text order'), 400: jsonContent(ErrorSchema, 'Invalid request') },
});
const getRulesRoute = createRoute({
  method: 'get',
  path: '/api/settings/tone-rules',
  tags,
  responses: { 200: jsonContent(z.object({ rules: z.array(ToneRuleSchema) }), 'The tone-check rules') },
});
const putRulesRoute = createRoute({
  method: 'put',
  path: '/api/settings/tone-rules',
  tags,
  request: jsonBody(z.object({ rules: z.array(ToneRuleSchema).max(500) })),
  responses: {
    200: jsonContent(z.object({ rules: z.array(ToneRuleSchema) }), 'Saved'),
    400: jsonContent(ErrorSchema, 'Invalid request or a pattern that does not compile'),
    403: jsonContent(ErrorSchema, 'Needs settings.manage'),
  },
});

export function cannedReplyRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const workspace = deps.workspace ?? DEFAULT_WORKSPACE;

  app.openapi(listRoute, async (c) => c.json({ data: await listCannedReplies(db, c.get('user')) }, 200));

  app.openapi(createRouteDef, async (c) => {
    try {
      return c.json(await createCannedReply(db, c.get('user'), c.req.valid('json')), 201);
    } catch (err) {
      if (err instanceof NotAllowed) return c.json({ error: err.message }, 403);
      if (err instanceof CannedReplyConflict) return c.json({ error: err.message }, 409);
      throw err;
    }
  });

  app.openapi(updateRoute, async (c) => {
    try {
      const view = await updateCannedReply(db, c.get('user'), c.req.valid('param').id, c.req.valid('json'));
      return view ? c.json(view, 200) : c.json({ error: 'canned reply not found' }, 404);
    } catch (err) {
      if (err instanceof NotAllowed) return c.json({ error: err.message }, 403);
      if (err instanceof CannedReplyConflict) return c.json({ error: err.message }, 409);
      throw err;
    }
  });

  app.openapi(deleteRoute, async (c) => {
    try {
      return (await deleteCannedReply(db, c.get('user'), c.req.valid('param').id)) ? c.body(null, 204) : c.json({ error: 'canned reply not found' }, 404);
    } catch (err) {
      if (err instanceof NotAllowed) return c.json({ error: err.message }, 403);
      throw err;
    }
  });

  app.openapi(renderRoute, async (c) => {
    const user = c.get('user');
    const id = c.req.valid('param').id;
    if (!(await getConversation(db, user, id))) return c.json({ error: 'conversation not found' }, 404);
    const rendered = await renderForConversation(db, workspace.tickets, id, user.id, c.req.valid('json').text);
    return rendered ? c.json(rendered, 200) : c.json({ error: 'conversation not found' }, 404);
  });

  app.openapi(toneRoute, async (c) => c.json({ findings: await toneCheck(db, c.req.valid('json').text) }, 200));
  app.openapi(getRulesRoute, async (c) => c.json({ rules: await getToneRules(db) }, 200));
  app.openapi(putRulesRoute, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    const { rules } = c.req.valid('json');
    const broken = rules.find((r) => !isValidTonePattern(r));
    if (broken) return c.json({ error: `pattern does not compile: ${broken.pattern}` }, 400);
    await setToneRules(db, rules);
    return c.json({ rules }, 200);
  });

  return app;
}
