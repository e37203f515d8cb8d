/**
 * The bot's instant answers: read by anyone signed in (agents should know what owners are
 * told), written only with settings.manage; and a "try a question" check that shows the
 * scores the bot would see.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { normalizeText } from '../../domain/bot/match-text.js';
import { can } from '../../domain/permissions.js';
import { createBotAnswer, deleteBotAnswer, listBotAnswers, tryBotAnswers, updateBotAnswer } from '../../services/bot/bot-answers.js';
import { getBotSettings } from '../../services/bot/bot-settings.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['bot'];
const Locale = z.enum(['zh-CN', 'en']);

const BotAnswerSchema = z
  .object({
    id: z.string().uuid(),
    question: z.string(),
    keywords: z.array(z.string()),
    phrasings: z.array(z.string()),
    answer: z.string(),
    locale: Locale,
    enabled: z.boolean(),
    shown: z.number().int(),
    helpful: z.number().int(),
    unhelpful: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('BotAnswer');

/** Text the matcher can read: something left once punctuation and spacing are gone. */
const matchable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => normalizeText(s).length > 0, 'needs letters or digits, not only punctuation');

const BotAnswerFields = z.object({
  question: matchable(500),
  keywords: z.array(matchable(40)).max(50),
  phrasings: z.array(matchable(200)).max(50),
  answer: z.string().trim().min(1).max(4000),
  locale: Locale,
  enabled: z.boolean().optional(),
});
const BotAnswerBody = BotAnswerFields.strict().openapi('BotAnswerInput');
const BotAnswerPatch = BotAnswerFields.partial().strict().openapi('BotAnswerPatch');

const Candidate = z.object({ id: z.string().uuid(), question: z.string(), score: z.number().min(0).max(1) });
const TrialSchema = z
  .object({ threshold: z.number(), best: Candidate.nullable(), answers: z.boolean(), candidates: z.array(Candidate) })
  .openapi('BotAnswerTrial');

/** Checked before the body is read: who may not write learns nothing about what a valid body is. */
const needsSettingsManage = createMiddleware<AppEnv>(async (c, next) => {
  if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
  await next();
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/bot/answers',
  tags,
  responses: { 200: jsonContent(z.object({ data: z.array(BotAnswerSchema) }), 'Every instant answer, with how often it was shown and judged') },
});
const createAnswerRoute = createRoute({
  method: 'post',
  path: '/api/bot/answers',
  middleware: [needsSettingsManage] as const,
  tags,
  request: jsonBody(BotAnswerBody),
  responses: {
    201: jsonContent(BotAnswerSchema, 'Created'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Needs settings.manage'),
  },
});
const patchRoute = createRoute({
  method: 'patch',
  middleware: [needsSettingsManage] as const,
  path: '/api/bot/answers/{id}',
  tags,
  description: 'Changes only the fields given.',
  request: { params: IdParam, ...jsonBody(BotAnswerPatch) },
  responses: {
    200: jsonContent(BotAnswerSchema, 'Saved'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Needs settings.manage'),
    404: jsonContent(ErrorSchema, 'No such answer'),
  },
});
const deleteRoute = createRoute({
  method: 'delete',
  middleware: [needsSettingsManage] as const,
  path: '/api/bot/answers/{id}',
  tags,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, 403: jsonContent(ErrorSchema, 'Needs settings.manage'), 404: jsonContent(ErrorSchema, 'No such answer') },
});
const tryRoute = createRoute({
  method: 'post',
  path: '/api/bot/answers/try',
  tags,
  description:
    'Scores the enabled answers against an owner question as the bot would: the top five candidates (score desc), the best, and whether it reaches the threshold. With `locale`, chooses as for an owner in that language.',
  request: jsonBody(z.object({ text: z.string().trim().min(1).max(2000), locale: Locale.optional() }).strict()),
  responses: { 200: jsonContent(TrialSchema, 'Scores'), 400: jsonContent(ErrorSchema, 'Invalid request') },
});

export function botAnswerRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  app.openapi(listRoute, async (c) => c.json({ data: await listBotAnswers(db) }, 200));
  app.openapi(tryRoute, async (c) => {
    const { text, locale } = c.req.valid('json');
    const { answerThreshold } = await getBotSettings(db);
    return c.json(await tryBotAnswers(db, text, locale ?? null, answerThreshold), 200);
  });
  app.openapi(createAnswerRoute, async (c) => {
    return c.json(await createBotAnswer(db, c.req.valid('json')), 201);
  });
  app.openapi(patchRoute, async (c) => {
    const saved = await updateBotAnswer(db, c.req.valid('param').id, c.req.valid('json'));
    return saved ? c.json(saved, 200) : c.json({ error: 'bot answer not found' }, 404);
  });
  app.openapi(deleteRoute, async (c) => {
    return (await deleteBotAnswer(db, c.req.valid('param').id)) ? c.body(null, 204) : c.json({ error: 'bot answer not found' }, 404);
  });
  return app;
}
