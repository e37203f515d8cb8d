/**
 * The self-service bot's settings: whether it answers at all, the emergency words and number,
 * the out-of-hours notice and the calendar it follows. One JSON row in `settings`, read back
 * through the schema so a hand-edited row cannot break the intake.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { settings } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { DEFAULT_ANSWER_THRESHOLD } from '../../domain/bot/answer-match.js';
import { DEFAULT_EMERGENCY_WORDS } from '../../domain/bot/emergency.js';
import { DEFAULT_OFF_HOURS_NOTICE } from '../../domain/bot/off-hours.js';
import type { Tx } from '../ports.js';

export const BOT_SETTINGS_KEY = 'bot.settings';

export const botSettingsSchema = z.object({
  /** Off until an admin switches it on: a center's owners should not meet a robot unannounced. */
  enabled: z.boolean().default(false),
  emergencyWords: z.array(z.string().trim().min(1).max(40)).max(200).default([...DEFAULT_EMERGENCY_WORDS]),
  emergencyPhone: z.string().trim().max(40).default('400-000-0000'),
  offHoursNotice: z.string().trim().max(2000).default(DEFAULT_OFF_HOURS_NOTICE),
  /** The business calendar whose closed hours get the notice (seeded: office-hours). */
  calendarId: z.string().min(1).max(80).default('office-hours'),
  /** The match score (0..1) an instant answer needs; below it the message waits for an agent. */
  answerThreshold: z.number().min(0).max(1).default(DEFAULT_ANSWER_THRESHOLD),
});
export type BotSettings = z.output<typeof botSettingsSchema>;
export const botSettingsPatchSchema = botSettingsSchema.partial();

export async function getBotSettings(db: Db | Tx): Promise<BotSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, BOT_SETTINGS_KEY));
  const parsed = botSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : botSettingsSchema.parse({});
}

/**
 * Whether the bot answers at all, as every owner's message on a chat channel asks: remembered
 * per database for a few seconds, so with the bot off a message costs no extra query. A change
 * made here is seen at once; one made by another instance within FRESH_MS.
 */
const FRESH_MS = 5_000;
const remembered = new WeakMap<object, { enabled: boolean; at: number }>();

export async function botEnabled(db: Db): Promise<boolean> {
  const hit = remembered.get(db);
  if (hit && performance.now() - hit.at < FRESH_MS) return hit.enabled;
  const { enabled } = await getBotSettings(db);
  remembered.set(db, { enabled, at: performance.now() });
  return enabled;
}

export async function updateBotSettings(db: Db, patch: z.input<typeof botSettingsPatchSchema>): Promise<BotSettings> {
  const next = botSettingsSchema.parse({ ...(await getBotSettings(db)), ...botSettingsPatchSchema.parse(patch) });
  await db
    .insert(settings)
    .values({ key: BOT_SETTINGS_KEY, value: next })
    .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: new Date() } });
  remembered.set(db, { enabled: next.enabled, at: performance.now() });
  return next;
}
