/**
 * The authorization matrix, as data: every seeded role (plus restricted agents who own a
 * conversation, are a department member or its head) × every route of /api/openapi.json
 * (read at test time: a route without a row fails) and the live socket events, each cell the
 * status (or delivery) expected. Printed as a table when it runs.
 *
 * Changes that would alter the world target a missing id (the allowed answer is then 404 and
 * the refused one 403 or 404), a stale ticket version (409) or a no-op body, so that the cells
 * do not depend on the order they run in.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../../src/domain/permissions.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { ADMIN, nextEvent, startTestServer, type TestServer } from '../support/huixin.js';

const ROLES = ['admin', 'supervisor', 'agent', 'board_moderator', 'forum_admin', 'restricted', 'restricted_own', 'dept_member', 'dept_head', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
const NONE = '00000000-0000-4000-8000-000000000000';

interface Fixture {
  conversationId: string;
  contactId: string;
  messageId: string;
  ticketId: string;
  departmentId: string;
  throwawayId: string;
  userId: Record<Role, string>;
  welcome: string;
  toneRules: unknown[];
}

interface Req {
  path: string;
  body?: unknown;
  /** Sign in anew for this request (logout ends the session it uses). */
  fresh?: boolean;
}

type Expect = Record<Role, number>;
const FULL: Role[] = ['admin', 'supervisor', 'agent'];
const MODS: Role[] = ['board_moderator', 'forum_admin'];

/** Every staff role gets `status`; anonymous 401; then the overrides by group or role. */
function cells(status: number, ...overrides: [Role[] | Role, number][]): Expect {
  const out = Object.fromEntries(ROLES.map((r) => [r, r === 'anonymous' ? 401 : status])) as Expect;
  for (const [who, s] of overrides) for (const r of Array.isArray(who) ? who : [who]) out[r] = s;
  return out;
}
/** Allowed for `who` with `ok`, refused for the other staff with `refused`. */
const only = (who: Role[], ok: number, refused = 403): Expect => cells(refused, [who, ok]);

let n = 0;
const uniq = (r: Role) => `${r.replace(/_/g, '-')}-${++n}`;

const MATRIX: Record<string, { req: (f: Fixture, r: Role) => Req; expect: Expect }> = {
  'POST /api/auth/login': { req: (_f, r) => ({ path: '/api/auth/login', body: { email: `nobody-${uniq(r)}@example.com`, password: 'wrong password' } }), expect: cells(401) },
  'POST /api/auth/logout': { req: () => ({ path: '/api/auth/logout', fresh: true }), expect: cells(204) },
  'GET /api/me': { req: () => ({ path: '/api/me' }), expect: cells(200) },
  'POST /api/auth/password': { req: () => ({ path: '/api/auth/password', body: { currentPassword: 'not the current one', newPassword: 'a new password 123' } }), expect: cells(403) },
  'GET /api/auth/sessions': { req: () => ({ path: '/api/auth/sessions' }), expect: cells(200) },
  'DELETE /api/auth/sessions/{id}': { req: () => ({ path: `/api/auth/sessions/${NONE}` }), expect: cells(404) },

  'GET /api/conversations': { req: () => ({ path: '/api/conversations' }), expect: cells(200) },
  'GET /api/conversations/{id}': { req: (f) => ({ path: `/api/conversations/${f.conversationId}` }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  'PATCH /api/conversations/{id}': { req: (f) => ({ path: `/api/conversations/${f.conversationId}`, body: { status: 'open' } }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  'POST /api/conversations/{id}/read': { req: (f) => ({ path: `/api/conversations/${f.conversationId}/read` }), expect: cells(404, [FULL, 204], ['restricted_own', 204]) },
  'GET /api/conversations/{id}/messages': { req: (f) => ({ path: `/api/conversations/${f.conversationId}/messages` }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  'POST /api/conversations/{id}/messages': {
    req: (f) => ({ path: `/api/conversations/${f.conversationId}/messages`, body: { content: 'matrix note', private: true } }),
    expect: cells(404, [FULL, 201], ['restricted_own', 201], [MODS, 403]),
  },
  'GET /api/events': { req: () => ({ path: '/api/events?after=0&limit=5' }), expect: cells(200) },
  'POST /api/messages/{id}/confirm-sent': { req: (f) => ({ path: `/api/messages/${f.messageId}/confirm-sent` }), expect: cells(404, [FULL, 409], ['restricted_own', 409]) },
  // A Telegram conversation has no templates: those who may reply to it get 422.
  'POST /api/conversations/{id}/template-messages': {
    req: (f) => ({ path: `/api/conversations/${f.conversationId}/template-messages`, body: { templateId: 'TPL', variables: {} } }),
    expect: cells(404, [FULL, 422], ['restricted_own', 422], [MODS, 403]),
  },
  'POST /api/messages/{id}/retry': { req: (f) => ({ path: `/api/messages/${f.messageId}/retry` }), expect: cells(404, [FULL, 409], ['restricted_own', 409]) },
  'GET /api/settings/telegram-welcome': { req: () => ({ path: '/api/settings/telegram-welcome' }), expect: cells(200) },
  'PUT /api/settings/telegram-welcome': { req: (f) => ({ path: '/api/settings/telegram-welcome', body: { text: f.welcome } }), expect: only(['admin'], 200) },
  'GET /api/bot/settings': { req: () => ({ path: '/api/bot/settings' }), expect: cells(200) },
  'PUT /api/bot/settings': { req: () => ({ path: '/api/bot/settings', body: { enabled: false } }), expect: only(['admin'], 200) },
  'GET /api/bot/answers': { req: () => ({ path: '/api/bot/answers' }), expect: cells(200) },
  // A question of punctuation only: admins get 400 and nothing is stored; the rest are refused before the body is read.
  'POST /api/bot/answers': { req: () => ({ path: '/api/bot/answers', body: { question: '？？', keywords: [], phrasings: [], answer: 'x', locale: 'zh-CN' } }), expect: only(['admin'], 400) },
  'PATCH /api/bot/answers/{id}': { req: () => ({ path: `/api/bot/answers/${NONE}`, body: { enabled: false } }), expect: only(['admin'], 404) },
  'DELETE /api/bot/answers/{id}': { req: () => ({ path: `/api/bot/answers/${NONE}` }), expect: only(['admin'], 404) },
  'POST /api/bot/answers/try': { req: () => ({ path: '/api/bot/answers/try', body: { text: '物业费怎么交' } }), expect: cells(200) },
  // The estate registry: read with conversation.read.all (every contact), import with settings.manage; a JSON body is not a roster (415).
  'GET /api/estates': { req: () => ({ path: '/api/estates' }), expect: only(FULL, 200) },
  'GET /api/estates/{id}/units': { req: () => ({ path: `/api/estates/${NONE}/units` }), expect: only(FULL, 404) },
  'GET /api/units/{id}': { req: () => ({ path: `/api/units/${NONE}` }), expect: only(FULL, 404) },
  'GET /api/estates/import/template.csv': { req: () => ({ path: '/api/estates/import/template.csv' }), expect: cells(200) },
  'GET /api/estates/export.csv': { req: () => ({ path: '/api/estates/export.csv' }), expect: only(FULL, 200) },
  'POST /api/estates/import': { req: () => ({ path: '/api/estates/import?dryRun=true' }), expect: only(['admin'], 415) },

  'GET /api/users': { req: () => ({ path: '/api/users' }), expect: cells(200) },
  'POST /api/users': { req: (_f, r) => ({ path: '/api/users', body: { email: `made-by-${uniq(r)}@example.com`, name: 'Made', password: 'a-long-password', role: 'agent' } }), expect: only(['admin'], 201) },
  'PATCH /api/users/{id}': { req: (f) => ({ path: `/api/users/${f.throwawayId}`, body: { name: 'Throwaway' } }), expect: only(['admin'], 200) },
  'POST /api/users/{id}/password': { req: (f) => ({ path: `/api/users/${f.throwawayId}/password`, body: {} }), expect: only(['admin'], 200) },
  'GET /api/users/{id}/sessions': { req: (f) => ({ path: `/api/users/${f.throwawayId}/sessions` }), expect: only(['admin'], 200) },
  'DELETE /api/users/{id}/sessions': { req: (f) => ({ path: `/api/users/${f.throwawayId}/sessions` }), expect: only(['admin'], 204) },

  'GET /api/canned-replies': { req: () => ({ path: '/api/canned-replies' }), expect: cells(200) },
  'POST /api/canned-replies': { req: (_f, r) => ({ path: '/api/canned-replies', body: { shortcode: uniq(r), title: 'Mine', content: '您好', locale: 'zh-CN', scope: 'personal' } }), expect: cells(201) },
  'PUT /api/canned-replies/{id}': { req: () => ({ path: `/api/canned-replies/${NONE}`, body: { shortcode: 'x', title: 'x', content: 'x', locale: 'en' } }), expect: cells(404) },
  'DELETE /api/canned-replies/{id}': { req: () => ({ path: `/api/canned-replies/${NONE}` }), expect: cells(404) },
  'POST /api/conversations/{id}/render': { req: (f) => ({ path: `/api/conversations/${f.conversationId}/render`, body: { text: '您好' } }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  'POST /api/tone-check': { req: () => ({ path: '/api/tone-check', body: { text: '不归我们管' } }), expect: cells(200) },
  'GET /api/settings/tone-rules': { req: () => ({ path: '/api/settings/tone-rules' }), expect: cells(200) },
  'PUT /api/settings/tone-rules': { req: (f) => ({ path: '/api/settings/tone-rules', body: { rules: f.toneRules } }), expect: only(['admin'], 200) },

  'GET /api/labels': { req: () => ({ path: '/api/labels' }), expect: cells(200) },
  'POST /api/labels': { req: (_f, r) => ({ path: '/api/labels', body: { name: uniq(r) } }), expect: only(FULL, 201) },
  'DELETE /api/labels/{id}': { req: () => ({ path: `/api/labels/${NONE}` }), expect: only(['admin'], 404) },
  'PATCH /api/conversations/{id}/triage': { req: (f) => ({ path: `/api/conversations/${f.conversationId}/triage`, body: { priority: 'normal' } }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  'POST /api/conversations/bulk': { req: (f) => ({ path: '/api/conversations/bulk', body: { ids: [f.conversationId], priority: 'normal' } }), expect: cells(200) },
  'POST /api/conversations/{id}/notes': { req: (f) => ({ path: `/api/conversations/${f.conversationId}/notes`, body: { content: 'matrix' } }), expect: cells(404, [FULL, 201], ['restricted_own', 201]) },
  'GET /api/mentions': { req: () => ({ path: '/api/mentions' }), expect: cells(200) },
  'POST /api/conversations/{id}/mentions/read': { req: (f) => ({ path: `/api/conversations/${f.conversationId}/mentions/read` }), expect: cells(200) },
  'GET /api/saved-views': { req: () => ({ path: '/api/saved-views' }), expect: cells(200) },
  'POST /api/saved-views': { req: (_f, r) => ({ path: '/api/saved-views', body: { name: uniq(r), filter: {} } }), expect: cells(201) },
  'DELETE /api/saved-views/{id}': { req: () => ({ path: `/api/saved-views/${NONE}` }), expect: cells(404) },
  'GET /api/views/counts': { req: () => ({ path: '/api/views/counts' }), expect: cells(200) },

  'GET /api/contacts/{id}': { req: (f) => ({ path: `/api/contacts/${f.contactId}` }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  'PATCH /api/contacts/{id}': { req: (f) => ({ path: `/api/contacts/${f.contactId}`, body: { unit: '3-1-101' } }), expect: cells(404, [FULL, 204], ['restricted_own', 204]) },
  'GET /api/contacts/{id}/units': { req: (f) => ({ path: `/api/contacts/${f.contactId}/units` }), expect: cells(404, [FULL, 200], ['restricted_own', 200]) },
  // Binding needs the contact read rule and contact.link: the restricted agent who reads the contact is refused (403), a missing unit is 404.
  'PUT /api/contacts/{id}/units/{unitId}': { req: (f) => ({ path: `/api/contacts/${f.contactId}/units/${NONE}`, body: {} }), expect: cells(404, ['restricted_own', 403]) },
  'DELETE /api/contacts/{id}/units/{unitId}': { req: (f) => ({ path: `/api/contacts/${f.contactId}/units/${NONE}` }), expect: cells(404, ['restricted_own', 403]) },
  'POST /api/contacts/{id}/merge': { req: (f) => ({ path: `/api/contacts/${f.contactId}/merge`, body: { otherId: NONE } }), expect: only(FULL, 404) },
  'POST /api/contact-merges/{id}/undo': { req: () => ({ path: `/api/contact-merges/${NONE}/undo` }), expect: only(FULL, 404) },
  'POST /api/conversations/log': { req: () => ({ path: '/api/conversations/log', body: { channel: 'phone', contactId: NONE, notes: 'call' } }), expect: cells(422, [MODS, 403]) },
  'GET /api/search': { req: () => ({ path: '/api/search?q=matrix' }), expect: cells(200) },

  // report.view: the supervisor and the center manager.
  'GET /api/reports/summary': { req: () => ({ path: '/api/reports/summary?from=2026-11-01&to=2026-11-30&groupBy=agent' }), expect: only(['admin', 'supervisor'], 200) },
  'GET /api/reports/conversations.csv': { req: () => ({ path: '/api/reports/conversations.csv?from=2026-11-01&to=2026-11-30' }), expect: only(['admin', 'supervisor'], 200) },
  'GET /api/presence': { req: () => ({ path: '/api/presence' }), expect: cells(200) },
  'PUT /api/presence/me': { req: () => ({ path: '/api/presence/me', body: { status: 'offline' } }), expect: cells(200) },
  'PATCH /api/presence/{id}': { req: (f) => ({ path: `/api/presence/${f.throwawayId}`, body: { capacity: 10 } }), expect: only(FULL, 200) },
  'GET /api/inboxes': { req: () => ({ path: '/api/inboxes' }), expect: cells(200) },
  'GET /api/channels': { req: () => ({ path: '/api/channels' }), expect: cells(200) },
  // A config the channel's schema refuses: admins get 400 naming the field, nothing is created.
  'POST /api/inboxes': { req: (_f, r) => ({ path: '/api/inboxes', body: { channel: 'telegram', name: uniq(r), config: { botToken: 'not a token' } } }), expect: only(['admin'], 400) },
  'GET /api/inboxes/{id}': { req: () => ({ path: `/api/inboxes/${NONE}` }), expect: only(['admin'], 404) },
  'PATCH /api/inboxes/{id}': { req: () => ({ path: `/api/inboxes/${NONE}`, body: { name: 'renamed' } }), expect: only(['admin'], 404) },
  'DELETE /api/inboxes/{id}': { req: () => ({ path: `/api/inboxes/${NONE}` }), expect: only(['admin'], 404) },
  'POST /api/inboxes/{id}/test': { req: () => ({ path: `/api/inboxes/${NONE}/test` }), expect: only(['admin'], 404) },
  'PUT /api/inboxes/{id}/members': { req: () => ({ path: `/api/inboxes/${NONE}/members`, body: { userIds: [] } }), expect: only(['admin'], 404) },
  'GET /api/messages/{id}/attachments/{index}': { req: (f) => ({ path: `/api/messages/${f.messageId}/attachments/0` }), expect: cells(404) },

  'GET /api/mailboxes': { req: () => ({ path: '/api/mailboxes' }), expect: only(['admin'], 200) },
  'POST /api/mailboxes': {
    req: (_f, r) => ({
      path: '/api/mailboxes',
      body: { name: uniq(r), from: { address: 'desk@example.com' }, imap: { host: '127.0.0.1', port: 1, user: 'u', password: 'p' }, smtp: { host: '127.0.0.1', port: 1 }, enabled: false },
    }),
    expect: only(['admin'], 201),
  },
  'GET /api/mailboxes/{id}': { req: () => ({ path: `/api/mailboxes/${NONE}` }), expect: only(['admin'], 404) },
  'PATCH /api/mailboxes/{id}': { req: () => ({ path: `/api/mailboxes/${NONE}`, body: { enabled: false } }), expect: only(['admin'], 404) },
  'DELETE /api/mailboxes/{id}': { req: () => ({ path: `/api/mailboxes/${NONE}` }), expect: only(['admin'], 404) },

  'POST /api/conversations/{id}/tickets': {
    req: (f) => ({ path: `/api/conversations/${f.conversationId}/tickets`, body: { category: 'repair', departmentId: NONE, summary: 'x' } }),
    expect: only(FULL, 422),
  },
  'GET /api/tickets': { req: () => ({ path: '/api/tickets' }), expect: cells(200) },
  'GET /api/tickets/{id}': { req: (f) => ({ path: `/api/tickets/${f.ticketId}` }), expect: cells(404, [FULL, 200], [['restricted_own', 'dept_member', 'dept_head'], 200]) },
  'PATCH /api/tickets/{id}': {
    req: (f) => ({ path: `/api/tickets/${f.ticketId}`, body: { version: 999, status: 'in_progress' } }),
    expect: cells(404, [FULL, 409], [['dept_member', 'dept_head'], 409], ['restricted_own', 403]),
  },
  'POST /api/tickets/{id}/follow-up': {
    req: (f) => ({ path: `/api/tickets/${f.ticketId}/follow-up`, body: { version: 999 } }),
    expect: cells(404, [FULL, 409], [['dept_member', 'dept_head'], 409], ['restricted_own', 403]),
  },
  'POST /api/tickets/{id}/conversations': {
    req: (f) => ({ path: `/api/tickets/${f.ticketId}/conversations`, body: { conversationId: f.conversationId, version: 999 } }),
    expect: cells(404, [FULL, 409], [['dept_member', 'dept_head'], 409], ['restricted_own', 403]),
  },
  'POST /api/tickets/{id}/merge': {
    req: (f) => ({ path: `/api/tickets/${f.ticketId}/merge`, body: { sourceId: NONE, version: 999 } }),
    expect: cells(404, [FULL, 409], [['dept_member', 'dept_head'], 409], ['restricted_own', 403]),
  },
  'POST /api/tickets/{id}/split': {
    req: (f) => ({ path: `/api/tickets/${f.ticketId}/split`, body: { conversationIds: [f.conversationId], version: 999 } }),
    expect: cells(404, [FULL, 409], [['dept_member', 'dept_head'], 409], ['restricted_own', 403]),
  },
  'GET /api/departments': { req: () => ({ path: '/api/departments' }), expect: cells(200) },
  'POST /api/departments': { req: (_f, r) => ({ path: '/api/departments', body: { name: uniq(r) } }), expect: only(['admin'], 201) },
  'PATCH /api/departments/{id}': { req: () => ({ path: `/api/departments/${NONE}`, body: { active: true } }), expect: only(['admin'], 404) },
  'GET /api/calendars': { req: () => ({ path: '/api/calendars' }), expect: cells(200) },
  'POST /api/calendars': { req: (_f, r) => ({ path: '/api/calendars', body: { id: uniq(r), name: 'Cal', alwaysOpen: true } }), expect: only(['admin'], 201) },
  'PUT /api/calendars/{id}': { req: () => ({ path: '/api/calendars/no-such-calendar', body: { name: 'Cal', alwaysOpen: true } }), expect: only(['admin'], 404) },
  'GET /api/sla-policies': { req: () => ({ path: '/api/sla-policies' }), expect: cells(200) },
  'POST /api/sla-policies': {
    req: (_f, r) => ({ path: '/api/sla-policies', body: { name: uniq(r), category: 'suggestion', priority: 'low', calendarId: 'always-open', firstResponseMinutes: 60, resolutionMinutes: 600 } }),
    expect: only(['admin'], 201),
  },
  'POST /api/sla-policies/{id}/versions': { req: () => ({ path: `/api/sla-policies/${NONE}/versions`, body: { name: 'x' } }), expect: only(['admin'], 404) },
  'GET /api/ticket-categories': { req: () => ({ path: '/api/ticket-categories' }), expect: cells(200) },
  'GET /api/settings/tickets': { req: () => ({ path: '/api/settings/tickets' }), expect: cells(200) },
  'PATCH /api/settings/tickets': { req: () => ({ path: '/api/settings/tickets', body: {} }), expect: only(['admin'], 200) },

  'GET /api/forum/moderation': { req: () => ({ path: '/api/forum/moderation' }), expect: only(['admin', ...MODS], 200) },
  'GET /api/forum/moderation/{id}': { req: () => ({ path: `/api/forum/moderation/${NONE}` }), expect: only(['admin', ...MODS], 404) },
  // Forum actions look their subject up before the board's rules (a board moderator's right
  // depends on the board): a missing id is 404 for every staff role. Who may act on an
  // existing one is covered by test/integration/forum-moderation.test.ts.
  'POST /api/forum/moderation/{id}/claim': { req: () => ({ path: `/api/forum/moderation/${NONE}/claim`, body: { claim: true } }), expect: cells(404) },
  'POST /api/forum/moderation/{id}/decision': { req: () => ({ path: `/api/forum/moderation/${NONE}/decision`, body: { decision: 'ignore' } }), expect: cells(404) },
  'POST /api/forum/topics/{id}/flags': { req: () => ({ path: `/api/forum/topics/${NONE}/flags`, body: { flag: 'locked', value: true } }), expect: cells(404) },
  'POST /api/forum/topics/{id}/move': { req: () => ({ path: `/api/forum/topics/${NONE}/move`, body: { boardId: NONE } }), expect: cells(404) },
  'POST /api/forum/posts/{id}/hide': { req: () => ({ path: `/api/forum/posts/${NONE}/hide`, body: { reason: 'spam' } }), expect: cells(404) },
  'POST /api/forum/posts/{id}/to-inbox': { req: () => ({ path: `/api/forum/posts/${NONE}/to-inbox` }), expect: cells(404) },
  'POST /api/forum/topics': { req: () => ({ path: '/api/forum/topics', body: { boardId: NONE, title: 't', body: 'b' } }), expect: cells(404) },
  'POST /api/forum/accounts/{id}/suspend': { req: () => ({ path: `/api/forum/accounts/${NONE}/suspend`, body: { days: 1, reason: 'spam' } }), expect: only(['admin', 'forum_admin'], 404) },
  'GET /api/forum/boards': { req: () => ({ path: '/api/forum/boards' }), expect: cells(200) },
  'POST /api/forum/boards': { req: (_f, r) => ({ path: '/api/forum/boards', body: { slug: uniq(r), name: 'B', nameEn: 'B' } }), expect: only(['admin', 'forum_admin'], 201) },
  'PATCH /api/forum/boards/{id}': { req: () => ({ path: `/api/forum/boards/${NONE}`, body: { name: 'B' } }), expect: only(['admin', 'forum_admin'], 404) },
  'PUT /api/forum/boards/{id}/moderators': { req: () => ({ path: `/api/forum/boards/${NONE}/moderators`, body: { userIds: [] } }), expect: only(['admin', 'forum_admin'], 404) },
  'GET /api/forum/settings': { req: () => ({ path: '/api/forum/settings' }), expect: only(['admin', ...MODS], 200) },
  'PUT /api/forum/settings': { req: () => ({ path: '/api/forum/settings', body: {} }), expect: only(['admin', 'forum_admin'], 200) },
  'GET /api/forum/unit-claims': { req: () => ({ path: '/api/forum/unit-claims' }), expect: only(FULL, 200) },
  'POST /api/forum/unit-claims/{id}/confirm': { req: () => ({ path: `/api/forum/unit-claims/${NONE}/confirm`, body: {} }), expect: only(FULL, 404) },
  'POST /api/forum/unit-claims/{id}/reject': { req: () => ({ path: `/api/forum/unit-claims/${NONE}/reject`, body: { note: 'no' } }), expect: only(FULL, 404) },
};

let hx: TestServer;
const agents = {} as Record<Exclude<Role, 'admin' | 'anonymous'>, TestAgent>;
let fx: Fixture;
const tokens = {} as Record<Role, string | null>;

beforeAll(async () => {
  hx = await startTestServer();
  const roleOf: Record<Exclude<Role, 'admin' | 'anonymous'>, string> = {
    supervisor: 'supervisor',
    agent: 'agent',
    board_moderator: 'board_moderator',
    forum_admin: 'forum_admin',
    restricted: 'restricted_agent',
    restricted_own: 'restricted_agent',
    dept_member: 'restricted_agent',
    dept_head: 'restricted_agent',
  };
  for (const [key, role] of Object.entries(roleOf) as [keyof typeof roleOf, string][]) agents[key] = await createAgent(hx, key, role);
  const throwaway = await createAgent(hx, 'Throwaway');
  const logged = await hx.api<{ conversationId: string; contactId: string }>('/api/conversations/log', {
    method: 'POST',
    body: { channel: 'phone', newContact: { name: '矩阵业主', phone: '13800000000' }, notes: '门禁卡坏了' },
  });
  expect(logged.status).toBe(201);
  const { conversationId, contactId } = logged.body;
  expect((await hx.api(`/api/conversations/${conversationId}`, { method: 'PATCH', body: { assigneeId: agents.restricted_own.id } })).status).toBe(200);
  const dep = await hx.api<{ id: string }>('/api/departments', { method: 'POST', body: { name: '矩阵部', headId: agents.dept_head.id, memberIds: [agents.dept_member.id] } });
  const ticket = await hx.api<{ id: string }>(`/api/conversations/${conversationId}/tickets`, { method: 'POST', body: { category: 'repair', departmentId: dep.body.id, summary: '门禁卡', notifyOwner: false } });
  expect(ticket.status).toBe(201);
  const messages = await hx.api<{ data: { id: string }[] }>(`/api/conversations/${conversationId}/messages`);
  const me = await hx.api<{ user: { id: string } }>('/api/me');
  fx = {
    conversationId,
    contactId,
    messageId: messages.body.data[0]!.id,
    ticketId: ticket.body.id,
    departmentId: dep.body.id,
    throwawayId: throwaway.id,
    userId: { ...Object.fromEntries(Object.entries(agents).map(([k, a]) => [k, a.id])), admin: me.body.user.id, anonymous: '' } as Record<Role, string>,
    welcome: (await hx.api<{ text: string }>('/api/settings/telegram-welcome')).body.text,
    toneRules: (await hx.api<{ rules: unknown[] }>('/api/settings/tone-rules')).body.rules,
  };
  for (const r of ROLES) tokens[r] = r === 'admin' ? hx.token : r === 'anonymous' ? null : agents[r].token;
}, 120_000);

afterAll(async () => {
  await hx?.close();
});

async function freshToken(r: Role): Promise<string | null> {
  if (r === 'anonymous') return null;
  const creds = r === 'admin' ? ADMIN : { email: agents[r].email, password: agents[r].password };
  return (await hx.api<{ token: string }>('/api/auth/login', { method: 'POST', body: creds, token: null })).body.token;
}

const LABEL: Record<Role, string> = {
  admin: 'admin',
  supervisor: 'supervisor',
  agent: 'agent',
  board_moderator: 'board_mod',
  forum_admin: 'forum_adm',
  restricted: 'restricted',
  restricted_own: 'restr_own',
  dept_member: 'dept_mem',
  dept_head: 'dept_head',
  anonymous: 'anonymous',
};

function printTable(title: string, rows: [string, Record<Role, string>][]): void {
  const width = Math.max(...rows.map(([k]) => k.length), 10);
  const head = ['route'.padEnd(width), ...ROLES.map((r) => LABEL[r].padStart(10))].join(' ');
  const lines = rows.map(([k, v]) => [k.padEnd(width), ...ROLES.map((r) => v[r].padStart(10))].join(' '));
  console.log(`\n${title}\n${head}\n${lines.join('\n')}\n`);
}

describe('authorization matrix', () => {
  it('has a row for every route in the OpenAPI document, and no row without a route', async () => {
    const spec = await hx.api<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json', { token: null });
    const routes = Object.entries(spec.body.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !(r in MATRIX)), 'routes without a matrix row').toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r)), 'matrix rows without a route').toEqual([]);
    // Every seeded role is in the matrix (restricted_agent as its four cases).
    for (const role of BUILTIN_ROLES.map((b) => b.key)) expect(role === 'restricted_agent' ? 'restricted' : role, `role ${role}`).toBeOneOf([...ROLES]);
  });

  it('answers every cell as expected', async () => {
    const seen: [string, Record<Role, string>][] = [];
    const wrong: string[] = [];
    // Logout last: it ends the session it runs with.
    const order = Object.keys(MATRIX).sort((a, b) => Number(a.includes('/logout')) - Number(b.includes('/logout')));
    for (const route of order) {
      const row = MATRIX[route]!;
      const method = route.split(' ')[0]!;
      const got = {} as Record<Role, string>;
      for (const r of ROLES) {
        const req = row.req(fx, r);
        const token = req.fresh ? await freshToken(r) : tokens[r];
        const res = await hx.api(req.path, { method, body: req.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), token });
        const mark = res.status === row.expect[r] ? String(res.status) : `${res.status}≠${row.expect[r]}`;
        got[r] = mark;
        if (res.status !== row.expect[r]) wrong.push(`${route} as ${r}: ${res.status}, expected ${row.expect[r]} ${JSON.stringify(res.body)?.slice(0, 160)}`);
      }
      seen.push([route, got]);
    }
    printTable('HTTP: status per role (a≠b: got a, expected b)', seen);
    expect(wrong).toEqual([]);
  }, 300_000);

  it('pushes a conversation’s live events only to those who may read it', async () => {
    const sockets = {} as Record<Role, Socket>;
    for (const r of ROLES) if (r !== 'anonymous') sockets[r] = await hx.socket(r === 'admin' ? hx.token : agents[r].token);
    const receivers: Role[] = [...FULL, 'restricted_own'];
    const got = {} as Record<Role, string[]>;
    for (const r of ROLES) got[r] = [];
    for (const r of ROLES) {
      if (r === 'anonymous') continue;
      for (const type of ['message.created', 'conversation.updated']) {
        sockets[r].on(type, (p: { conversation?: { id: string }; message?: { conversationId: string } }) => {
          if (p.conversation?.id === fx.conversationId || p.message?.conversationId === fx.conversationId) got[r].push(type);
        });
      }
    }
    const waits = receivers.flatMap((r) => [
      nextEvent(sockets[r], 'message.created', (p: { message?: { conversationId: string } }) => p.message?.conversationId === fx.conversationId),
      nextEvent(sockets[r], 'conversation.updated', (p: { conversation?: { id: string; priority: string } }) => p.conversation?.id === fx.conversationId && p.conversation.priority === 'high'),
    ]);
    expect((await hx.api(`/api/conversations/${fx.conversationId}/notes`, { method: 'POST', body: { content: 'live matrix' } })).status).toBe(201);
    expect((await hx.api(`/api/conversations/${fx.conversationId}/triage`, { method: 'PATCH', body: { priority: 'high' } })).status).toBe(200);
    await Promise.all(waits);
    // The events left for every room at once; give the sockets that should not get them a
    // moment to prove it before looking.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const table: [string, Record<Role, string>][] = ['message.created', 'conversation.updated'].map((type) => [
      type,
      Object.fromEntries(ROLES.map((r) => [r, r === 'anonymous' ? '—' : got[r].includes(type) ? 'yes' : 'no'])) as Record<Role, string>,
    ]);
    printTable('socket.io: receives the event of the conversation', table);
    for (const r of ROLES) {
      if (r === 'anonymous') continue;
      expect(got[r].includes('message.created'), `${r} message.created`).toBe(receivers.includes(r));
      expect(got[r].includes('conversation.updated'), `${r} conversation.updated`).toBe(receivers.includes(r));
    }
    for (const s of Object.values(sockets)) s.disconnect();
  });
});
