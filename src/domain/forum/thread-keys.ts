/**
 * How forum conversations are keyed in the inbox. A topic keeps one open conversation (later
 * replies join it); the private "message the service center" form keeps one per owner.
 */
export type ForumThread = { kind: 'topic'; topicId: string } | { kind: 'private'; accountId: string };

export const topicThreadKey = (topicId: string) => `topic:${topicId}`;
export const privateThreadKey = (accountId: string) => `private:${accountId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseForumThreadKey(key: string): ForumThread | null {
  const [kind, id] = key.split(':', 2);
  if (!id || !UUID.test(id)) return null;
  if (kind === 'topic') return { kind: 'topic', topicId: id };
  if (kind === 'private') return { kind: 'private', accountId: id };
  return null;
}

/** The stable external id of an owner's post or private message in the forum inbox. */
export const postExternalId = (postId: string) => `post:${postId}`;
export const privateExternalId = (id: string) => `pm:${id}`;
