/**
 * createApp(deps): the whole HTTP surface (REST API, webhooks, OpenAPI, health, UI), the
 * same for the Node and Workers entries; only the deps differ.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requireAuth } from './auth-middleware.js';
import { onError, validationHook } from './errors.js';
import { authRoutes, sessionRoutes } from './routes/auth-routes.js';
import { conversationRoutes } from './routes/conversation-routes.js';
import { templateMessageRoutes } from './routes/template-message-routes.js';
import { miscRoutes } from './routes/misc-routes.js';
import { cannedReplyRoutes } from './routes/canned-reply-routes.js';
import { contactRoutes } from './routes/contact-routes.js';
import { contactUnitRoutes } from './routes/contact-unit-routes.js';
import { presenceRoutes } from './routes/presence-routes.js';
import { triageRoutes } from './routes/triage-routes.js';
import { telegramWebhookRoutes } from './routes/telegram-webhook.js';
import { channelWebhookRoutes } from './routes/channel-webhook.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { attachmentRoutes } from './routes/attachment-routes.js';
import { mailboxRoutes } from './routes/mailbox-routes.js';
import { ticketAdminRoutes } from './routes/ticket-admin-routes.js';
import { ticketLinkRoutes } from './routes/ticket-link-routes.js';
import { ticketRoutes } from './routes/ticket-routes.js';
import { forumAdminRoutes } from './routes/forum-admin-routes.js';
import { forumModerationRoutes } from './routes/forum-moderation-routes.js';
import { surveyPageRoutes } from './routes/survey-page-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { botRoutes } from './routes/bot-routes.js';
import { botAnswerRoutes } from './routes/bot-answer-routes.js';
import { estateRoutes } from './routes/estate-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { UNKNOWN_NETWORK } from './request-network.js';
import { securityHeaders } from './security-headers.js';
import type { AppDeps, AppEnv } from './types.js';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError(deps.logger));
  app.use('*', securityHeaders(deps.network ?? UNKNOWN_NETWORK));

  app.get('/healthz', async (c) => {
    try {
      await deps.ping();
      return c.json({ status: 'ok' }, 200);
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.route('/', telegramWebhookRoutes(deps));
  if (deps.channelWebhooks) app.route('/', channelWebhookRoutes(deps, deps.channelWebhooks));
  app.route('/', authRoutes(deps));
  app.use('/api/*', async (c, next) => {
    // The spec and sign-in are public; everything else under /api needs a session.
    if (c.req.path === '/api/openapi.json' || c.req.path === '/api/auth/login') return next();
    return requireAuth(deps.auth, { publicUrl: deps.publicUrl })(c, next);
  });
  app.route('/', sessionRoutes(deps));
  app.route('/', conversationRoutes(deps));
  app.route('/', templateMessageRoutes(deps));
  app.route('/', miscRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', cannedReplyRoutes(deps));
  app.route('/', triageRoutes(deps));
  app.route('/', contactRoutes(deps));
  app.route('/', contactUnitRoutes(deps));
  app.route('/', presenceRoutes(deps));
  app.route('/', inboxRoutes(deps, deps.inboxes));
  app.route('/', attachmentRoutes(deps));
  if (deps.email) app.route('/', mailboxRoutes(deps, deps.email));
  app.route('/', ticketRoutes(deps));
  app.route('/', ticketLinkRoutes(deps));
  app.route('/', ticketAdminRoutes(deps));
  app.route('/', botRoutes(deps));
  app.route('/', botAnswerRoutes(deps));
  app.route('/', estateRoutes(deps));
  app.route('/', reportRoutes(deps));
  if (deps.forum) {
    app.route('/', forumModerationRoutes(deps, deps.forum));
    app.route('/', forumAdminRoutes(deps, deps.forum));
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Huixin API', version: '0.1.0', description: 'One real-time inbox for a property service center.' },
    security: [{ bearer: [] }],
  });

  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  if (deps.forum) {
    // The forum is its own server-rendered app with its own errors, cookies and CSRF.
    const forum = deps.forum;
    app.all('/forum', (c) => forum.fetch(c.req.raw, c.env));
    app.all('/forum/*', (c) => forum.fetch(c.req.raw, c.env));
  }
  // The owners' survey page (link in email and forum surveys); server-rendered, no session.
  const publicLinks = deps.services.publicLinks;
  if (publicLinks) app.route('/', surveyPageRoutes({ ...deps.services, publicLinks }));
  if (deps.staticUi) app.use('/*', deps.staticUi);
  return app;
}

export type HuixinApp = ReturnType<typeof createApp>;
