/**
 * The self-service bot's settings: read by anyone signed in (agents should know what owners are
 * told), changed only with settings.manage.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { botSettingsPatchSchema, getBotSettings, updateBotSettings } from '../../services/bot/bot-settings.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const BotSettingsSchema = z
  .object({
    enabled: z.boolean(),
    emergencyWords: z.array(z.string()),
    emergencyPhone: z.string(),
    offHoursNotice: z.string(),
    calendarId: z.string(),
    answerThreshold: z.number().min(0).max(1),
  })
  .openapi('BotSettings');

const getRoute = createRoute({
  method: 'get',
  path: '/api/bot/settings',
  tags: ['bot'],
  responses: { 200: jsonContent(BotSettingsSchema, 'Whether the bot answers, its emergency words and number, the out-of-hours notice') },
});

const putRoute = createRoute({
  method: 'put',
  path: '/api/bot/settings',
  tags: ['bot'],
  description: 'Changes only the fields given. `answerThreshold` is the match score (0..1) an instant answer needs. `{opensAt}` and `{phone}` in the out-of-hours notice are filled in when it is sent.',
  request: { body: { content: { 'application/json': { schema: botSettingsPatchSchema.strict() } }, required: true } },
  responses: {
    200: jsonContent(BotSettingsSchema, 'Saved'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Needs settings.manage'),
  },
});

export function botRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  app.openapi(getRoute, async (c) => c.json(await getBotSettings(db), 200));
  app.openapi(putRoute, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    return c.json(await updateBotSettings(db, c.req.valid('json')), 200);
  });
  return app;
}
