/**
 * Wires the forum channel's port to the services. Posts that belong in the inbox are
 * normalized by the channel's pure normalize and ingested right after they are stored; a
 * crash in between is repaired by the triage sweep (src/jobs/forum-triage-sweep.ts).
 */
import { normalizeForum, type ForumRaw } from '../../channels/forum/normalize.js';
import type { ForumPort } from '../../channels/forum/port.js';
import * as accounts from '../services/forum/accounts.js';
import type { ForumDeps } from '../services/forum/deps.js';
import { deliverPrivate, deliverStaffReply } from '../services/forum/outbound.js';
import { hitRateLimit } from '../services/forum/rate-limit.js';
import * as read from '../services/forum/read.js';
import { ingestForumItem } from '../services/forum/triage.js';
import * as write from '../services/forum/write.js';

export async function triageForumItem(deps: ForumDeps, raw: ForumRaw): Promise<{ conversationId: string } | null> {
  try {
    return await ingestForumItem(deps, normalizeForum(raw, deps.inboxId), raw);
  } catch (err) {
    // Stored already; the sweep files it later. The owner's post must not fail because of this.
    deps.logger.error('forum item not yet in the inbox; the sweep will retry', { err, kind: raw.kind });
    return null;
  }
}

export function createForumPort(deps: ForumDeps): ForumPort {
  const { db } = deps;
  return {
    signUp: (input) => accounts.signUp(deps, input),
    verifyEmail: (token) => accounts.verifyEmail(deps, token),
    login: (email, password, baseUrl, clientAddress) => accounts.login(deps, email, password, baseUrl, clientAddress),
    viewerForSession: (token) => accounts.viewerForSession(deps, token),
    logout: (token) => accounts.logout(deps, token),
    requestPasswordReset: (email, baseUrl) => accounts.requestPasswordReset(deps, email, baseUrl),
    resetPassword: (token, password) => accounts.resetPassword(deps, token, password),
    setUnitClaim: (id, unit) => accounts.setUnitClaim(deps, id, unit),
    setNotifications: (id, on) => accounts.setNotifications(deps, id, on),
    unsubscribe: (token) => accounts.unsubscribe(deps, token),
    hitRateLimit: (key, limit, windowSeconds) => hitRateLimit(db, deps.clock, key, limit, windowSeconds),

    listBoards: () => read.listBoards(db),
    boardBySlug: (slug) => read.boardBySlug(db, slug),
    listTopics: (boardId, page) => read.listTopics(db, boardId, page),
    topicPage: (topicId, page, viewer) => read.topicPage(db, topicId, page, viewer),
    pageOfPost: (topicId, postId, pageSize) => read.pageOfPost(db, topicId, postId, pageSize),
    postForQuote: (postId, viewer) => read.postForQuote(db, postId, viewer),
    search: (query, page) => read.search(db, query, page),
    myTopics: (accountId, page) => read.myTopics(db, accountId, page),
    privateThreads: (accountId) => read.privateThreads(db, accountId),
    image: (id, viewer) => read.image(db, id, viewer),

    async createTopic(viewer, input) {
      const r = await write.createTopic(deps, viewer, input);
      if (!r.ok) return r;
      if (r.raw) await triageForumItem(deps, r.raw);
      return { ok: true, topicId: r.topicId, status: r.status };
    },
    async reply(viewer, input) {
      const r = await write.reply(deps, viewer, input);
      if (!r.ok) return r;
      if (r.raw) await triageForumItem(deps, r.raw);
      return { ok: true, postId: r.postId, status: r.status };
    },
    flag: (viewer, postId, reason) => write.flag(deps, viewer, postId, reason),
    async sendPrivate(viewer, input) {
      const r = await write.sendPrivate(deps, viewer, input);
      if (!r.ok) return r;
      const filed = await triageForumItem(deps, r.raw);
      return { ok: true, conversationId: filed?.conversationId ?? '' };
    },

    deliverStaffReply: (input) => deliverStaffReply(deps, input),
    deliverPrivate: (input) => deliverPrivate(deps, input),
  };
}
