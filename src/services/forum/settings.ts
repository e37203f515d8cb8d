/** Forum settings that forum admins change at run time: pre-moderation threshold and word list. */
import { inArray } from 'drizzle-orm';
import { settings } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';

const THRESHOLD_KEY = 'forum.premoderationThreshold';
const WORDS_KEY = 'forum.wordList';

export interface ForumSettings {
  /** A new owner's posts are held for review until this many were approved (0: never held). */
  premoderationThreshold: number;
  wordList: string[];
}

export const DEFAULT_FORUM_SETTINGS: ForumSettings = { premoderationThreshold: 1, wordList: [] };

export async function getForumSettings(db: Db | Tx): Promise<ForumSettings> {
  const rows = await db.select().from(settings).where(inArray(settings.key, [THRESHOLD_KEY, WORDS_KEY]));
  const out = { ...DEFAULT_FORUM_SETTINGS };
  for (const r of rows) {
    if (r.key === THRESHOLD_KEY && typeof r.value === 'number') out.premoderationThreshold = r.value;
    if (r.key === WORDS_KEY && Array.isArray(r.value)) out.wordList = r.value.filter((w): w is string => typeof w === 'string');
  }
  return out;
}

export async function setForumSettings(db: Db, patch: Partial<ForumSettings>): Promise<ForumSettings> {
  const now = new Date();
  const put = async (key: string, value: unknown) =>
    db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  if (patch.premoderationThreshold !== undefined) await put(THRESHOLD_KEY, patch.premoderationThreshold);
  if (patch.wordList !== undefined) await put(WORDS_KEY, patch.wordList);
  return getForumSettings(db);
}
