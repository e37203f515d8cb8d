/**
 * Notification mail when staff or others answer an owner's topic, and when the service center
 * writes privately. Only to verified owners who have not unsubscribed, never for their own posts.
 */
import { eq } from 'drizzle-orm';
import { forumAccounts, forumPosts, forumTopics, users } from '../../../db/schema/index.js';
import { excerpt } from '../../domain/forum/text.js';
import { signedAccountToken, type ForumDeps } from './deps.js';
import { UNSUBSCRIBE_PURPOSE } from './accounts.js';
import { privateMessageMail, replyNotificationMail } from './mail-templates.js';

function unsubscribeLink(deps: ForumDeps, accountId: string): string {
  return `${deps.publicUrl()}/forum/unsubscribe?token=${signedAccountToken(deps.secret, UNSUBSCRIBE_PURPOSE, accountId)}`;
}

async function recipient(deps: ForumDeps, accountId: string | null) {
  if (!accountId) return null;
  const [a] = await deps.db.select().from(forumAccounts).where(eq(forumAccounts.id, accountId));
  return a && a.notifyByEmail && a.emailVerifiedAt ? a : null;
}

/** A reply became visible on a topic: tell the topic's author. */
export async function notifyReply(deps: ForumDeps, postId: string): Promise<void> {
  const [row] = await deps.db
    .select({ p: forumPosts, t: forumTopics, replier: forumAccounts.displayName, staffName: users.name })
    .from(forumPosts)
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .leftJoin(forumAccounts, eq(forumAccounts.id, forumPosts.accountId))
    .leftJoin(users, eq(users.id, forumPosts.staffUserId))
    .where(eq(forumPosts.id, postId));
  if (!row || row.p.isFirst || row.p.status !== 'visible') return;
  if (row.p.accountId && row.p.accountId === row.t.accountId) return;
  const to = await recipient(deps, row.t.accountId);
  if (!to) return;
  const staff = row.p.staffUserId !== null;
  await deps.mail.enqueueMail(
    replyNotificationMail(to.email, {
      topicTitle: row.t.title,
      replier: (staff ? row.staffName : row.replier) ?? '',
      staff,
      excerpt: excerpt(row.p.body, 300),
      href: `${deps.publicUrl()}/forum/t/${row.t.id}/p/${row.p.id}`,
      unsubscribe: unsubscribeLink(deps, to.id),
    }),
  );
}

export async function notifyPrivate(deps: ForumDeps, accountId: string, staffName: string, body: string): Promise<void> {
  const to = await recipient(deps, accountId);
  if (!to) return;
  await deps.mail.enqueueMail(
    privateMessageMail(to.email, {
      staffName,
      excerpt: excerpt(body, 300),
      href: `${deps.publicUrl()}/forum/messages`,
      unsubscribe: unsubscribeLink(deps, to.id),
    }),
  );
}
