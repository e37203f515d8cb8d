/**
 * Forum configuration for staff: boards (service boards, staff-only boards), appointing board
 * moderators (版主), the pre-moderation threshold and word list (论坛管理员), and confirming
 * owners' units (any staff with contact.link).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc } from 'drizzle-orm';
import { forumBoards } from '../../../db/schema/index.js';
import { can } from '../../domain/permissions.js';
import { parseWordList } from '../../domain/forum/moderation.js';
import { canUseReviewQueue } from '../../domain/forum/roles.js';
import { BoardSlugTaken, createBoard, listModerators, setBoardModerators, UnknownUser, updateBoard } from '../../services/forum/boards.js';
import { requireAction } from '../../services/forum/moderation-access.js';
import { getForumSettings, setForumSettings } from '../../services/forum/settings.js';
import { confirmUnit, listUnitClaims, rejectUnit } from '../../services/forum/unit-claims.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv, ForumAppDeps } from '../types.js';
import { BoardBody, BoardSchema, ConfirmUnitBody, forumError, ModeratorsBody, RejectUnitBody, SettingsSchema, UnitClaimSchema } from './forum-schemas.js';
import { jsonBody } from '../json-body.js';

const tags = ['forum admin'];
const errors = {
  400: jsonContent(ErrorSchema, 'Invalid request'),
  403: jsonContent(ErrorSchema, 'Needs forum.admin (boards, moderators, settings) or contact.link (units)'),
  404: jsonContent(ErrorSchema, 'Not found'),
  409: jsonContent(ErrorSchema, 'Slug taken'),
  422: jsonContent(ErrorSchema, 'Not possible as asked'),
};
const Ok = jsonContent(z.object({ ok: z.literal(true) }), 'Done');

const listBoardsRoute = createRoute({ method: 'get', path: '/api/forum/boards', tags, responses: { 200: jsonContent(z.object({ data: z.array(BoardSchema) }), 'Boards in order'), ...errors } });
const createBoardRoute = createRoute({ method: 'post', path: '/api/forum/boards', tags, request: jsonBody(BoardBody), responses: { 201: jsonContent(z.object({ id: z.string() }), 'Created'), ...errors } });
const patchBoardRoute = createRoute({ method: 'patch', path: '/api/forum/boards/{id}', tags, request: { params: IdParam, ...jsonBody(BoardBody.partial()) }, responses: { 200: Ok, ...errors } });
const moderatorsRoute = createRoute({ method: 'put', path: '/api/forum/boards/{id}/moderators', tags, request: { params: IdParam, ...jsonBody(ModeratorsBody) }, responses: { 200: Ok, ...errors } });
const getSettingsRoute = createRoute({ method: 'get', path: '/api/forum/settings', tags, responses: { 200: jsonContent(SettingsSchema, 'Current settings'), ...errors } });
const putSettingsRoute = createRoute({
  method: 'put',
  path: '/api/forum/settings',
  tags,
  request: jsonBody(SettingsSchema.partial().extend({ wordListText: z.string().max(100_000).optional() })),
  responses: { 200: jsonContent(SettingsSchema, 'Saved'), ...errors },
});
const claimsRoute = createRoute({
  method: 'get',
  path: '/api/forum/unit-claims',
  tags,
  request: { query: z.object({ state: z.enum(['pending', 'confirmed', 'rejected']).default('pending') }) },
  responses: { 200: jsonContent(z.object({ data: z.array(UnitClaimSchema) }), 'Claims with matching contacts'), ...errors },
});
const confirmRoute = createRoute({ method: 'post', path: '/api/forum/unit-claims/{id}/confirm', tags, request: { params: IdParam, ...jsonBody(ConfirmUnitBody) }, responses: { 200: Ok, ...errors } });
const rejectRoute = createRoute({ method: 'post', path: '/api/forum/unit-claims/{id}/reject', tags, request: { params: IdParam, ...jsonBody(RejectUnitBody) }, responses: { 200: Ok, ...errors } });

export function forumAdminRoutes(_deps: AppDeps, forum: ForumAppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const fd = forum.services;
  const ok = { ok: true as const };

  app.openapi(listBoardsRoute, async (c) => {
    const [boards, mods] = await Promise.all([fd.db.select().from(forumBoards).orderBy(asc(forumBoards.position), asc(forumBoards.name)), listModerators(fd.db)]);
    const data = boards.map((b) => ({ ...b, createdAt: undefined, moderators: mods.filter((m) => m.boardId === b.id).map((m) => ({ id: m.userId, name: m.name })) }));
    return c.json({ data }, 200);
  });

  app.openapi(createBoardRoute, async (c) => {
    try {
      await requireAction(fd.db, c.get('user'), 'configure', null);
      const row = await createBoard(fd.db, c.req.valid('json'));
      return c.json({ id: row.id }, 201);
    } catch (err) {
      if (err instanceof BoardSlugTaken) return c.json({ error: err.message }, 409);
      return forumError(c, err);
    }
  });

  app.openapi(patchBoardRoute, async (c) => {
    try {
      await requireAction(fd.db, c.get('user'), 'configure', null);
      const row = await updateBoard(fd.db, c.req.valid('param').id, c.req.valid('json'));
      return row ? c.json(ok, 200) : c.json({ error: 'no such board' }, 404);
    } catch (err) {
      if (err instanceof BoardSlugTaken) return c.json({ error: err.message }, 409);
      return forumError(c, err);
    }
  });

  app.openapi(moderatorsRoute, async (c) => {
    const user = c.get('user');
    try {
      await requireAction(fd.db, user, 'appoint', null);
      await setBoardModerators(fd.db, c.req.valid('param').id, c.req.valid('json').userIds, user.id);
      return c.json(ok, 200);
    } catch (err) {
      if (err instanceof UnknownUser) return c.json({ error: err.message }, 422);
      return forumError(c, err);
    }
  });

  app.openapi(getSettingsRoute, async (c) => {
    // The word list and screening rules are the moderators' business, not every staff member's.
    if (!canUseReviewQueue(c.get('user'))) return c.json({ error: 'needs forum.moderate or forum.admin' }, 403);
    return c.json(await getForumSettings(fd.db), 200);
  });

  app.openapi(putSettingsRoute, async (c) => {
    try {
      await requireAction(fd.db, c.get('user'), 'configure', null);
      const { wordListText, ...rest } = c.req.valid('json');
      const wordList = wordListText !== undefined ? parseWordList(wordListText) : rest.wordList?.map((w) => w.trim());
      return c.json(await setForumSettings(fd.db, { ...rest, ...(wordList ? { wordList } : {}) }), 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(claimsRoute, async (c) => {
    if (!can(c.get('user'), 'contact.link')) return c.json({ error: 'needs contact.link' }, 403);
    return c.json({ data: await listUnitClaims(fd.db, c.req.valid('query').state) }, 200);
  });

  app.openapi(confirmRoute, async (c) => {
    const user = c.get('user');
    if (!can(user, 'contact.link')) return c.json({ error: 'needs contact.link' }, 403);
    try {
      await confirmUnit(fd, user, c.req.valid('param').id, c.req.valid('json').contactId);
      return c.json(ok, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(rejectRoute, async (c) => {
    const user = c.get('user');
    if (!can(user, 'contact.link')) return c.json({ error: 'needs contact.link' }, 403);
    try {
      await rejectUnit(fd, user, c.req.valid('param').id, c.req.valid('json').note);
      return c.json(ok, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  return app;
}
