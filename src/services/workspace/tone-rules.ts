/** The tone-check rules live in settings, so a supervisor edits them without a release. */
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { checkTone, DEFAULT_TONE_RULES, type ToneFinding, type ToneRule } from '../../domain/workspace/tone-check.js';

export const TONE_RULES_KEY = 'workspace.toneRules';

function isRule(v: unknown): v is ToneRule {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.pattern === 'string' && typeof r.category === 'string';
}

export async function getToneRules(db: Db): Promise<ToneRule[]> {
  const [row] = await db.select().from(settings).where(eq(settings.key, TONE_RULES_KEY));
  return Array.isArray(row?.value) ? row.value.filter(isRule) : DEFAULT_TONE_RULES;
}

export async function setToneRules(db: Db, rules: ToneRule[]): Promise<void> {
  await db
    .insert(settings)
    .values({ key: TONE_RULES_KEY, value: rules })
    .onConflictDoUpdate({ target: settings.key, set: { value: rules, updatedAt: new Date() } });
}

export async function toneCheck(db: Db, text: string): Promise<ToneFinding[]> {
  return checkTone(text, await getToneRules(db));
}
