/**
 * The admin-managed instant answers: stored rows, the match against an owner's words (the
 * scoring itself is domain/bot/answer-match.ts) and the counts the bot keeps per answer.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { botAnswers, messages } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { chooseAnswer, indexAnswers, rankAnswers, type ScoredAnswer } from '../../domain/bot/answer-match.js';
import type { BotLocale } from '../../domain/bot/bot-locale.js';
import type { Tx } from '../ports.js';

type Row = typeof botAnswers.$inferSelect;

export interface BotAnswerView {
  id: string;
  question: string;
  keywords: string[];
  phrasings: string[];
  answer: string;
  locale: BotLocale;
  enabled: boolean;
  shown: number;
  helpful: number;
  unhelpful: number;
  createdAt: string;
  updatedAt: string;
}

export interface BotAnswerInput {
  question: string;
  keywords: string[];
  phrasings: string[];
  answer: string;
  locale: BotLocale;
  enabled?: boolean;
}

function toView(r: Row): BotAnswerView {
  return {
    id: r.id,
    question: r.question,
    keywords: r.keywords,
    phrasings: r.phrasings,
    answer: r.answer,
    locale: r.locale,
    enabled: r.enabled,
    shown: r.shownCount,
    helpful: r.helpfulCount,
    unhelpful: r.unhelpfulCount,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The same word twice (or in two spellings of spacing) adds nothing to the match. */
const distinct = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

export async function listBotAnswers(db: Db): Promise<BotAnswerView[]> {
  const rows = await db.select().from(botAnswers).orderBy(asc(botAnswers.locale), asc(botAnswers.createdAt), asc(botAnswers.id));
  return rows.map(toView);
}

export async function createBotAnswer(db: Db, input: BotAnswerInput): Promise<BotAnswerView> {
  const [row] = await db
    .insert(botAnswers)
    .values({ ...input, keywords: distinct(input.keywords), phrasings: distinct(input.phrasings), enabled: input.enabled ?? true })
    .returning();
  if (!row) throw new Error('bot answer insert returned nothing');
  return toView(row);
}

export async function updateBotAnswer(db: Db, id: string, patch: Partial<BotAnswerInput>): Promise<BotAnswerView | null> {
  const set: Partial<typeof botAnswers.$inferInsert> = { ...patch, updatedAt: new Date() };
  if (patch.keywords) set.keywords = distinct(patch.keywords);
  if (patch.phrasings) set.phrasings = distinct(patch.phrasings);
  const [row] = await db.update(botAnswers).set(set).where(eq(botAnswers.id, id)).returning();
  return row ? toView(row) : null;
}

export async function deleteBotAnswer(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(botAnswers).where(eq(botAnswers.id, id)).returning({ id: botAnswers.id });
  return gone.length > 0;
}

async function enabledAnswers(db: Db | Tx): Promise<Row[]> {
  return db.select().from(botAnswers).where(eq(botAnswers.enabled, true)).orderBy(asc(botAnswers.createdAt), asc(botAnswers.id));
}

export interface AnswerTrial {
  threshold: number;
  best: { id: string; question: string; score: number } | null;
  answers: boolean;
  candidates: { id: string; question: string; score: number }[];
}

const brief = (s: ScoredAnswer<Row>) => ({ id: s.answer.id, question: s.answer.question, score: s.score });

/**
 * What the bot would do with these words now: the enabled answers, scored. With a locale it
 * chooses as it would for an owner in that language; best is the chosen answer or, when none
 * reaches the threshold, the closest one (so the admin sees how far off it is).
 */
export async function tryBotAnswers(db: Db, text: string, locale: BotLocale | null, threshold: number): Promise<AnswerTrial> {
  const ranked = rankAnswers(text, indexAnswers(await enabledAnswers(db))).filter((r) => r.score > 0);
  const chosen = chooseAnswer(ranked, locale, threshold);
  const top = chosen ?? ranked[0] ?? null;
  return { threshold, best: top ? brief(top) : null, answers: chosen !== null, candidates: ranked.slice(0, 5).map(brief) };
}

/** The answer the bot gives an owner writing in `locale`, counted as shown; null when none fits well enough. */
export async function answerFor(tx: Tx, text: string, locale: BotLocale, threshold: number): Promise<{ id: string; answer: string } | null> {
  const chosen = chooseAnswer(rankAnswers(text, indexAnswers(await enabledAnswers(tx))), locale, threshold);
  if (!chosen) return null;
  await tx.update(botAnswers).set({ shownCount: sql`${botAnswers.shownCount} + 1` }).where(eq(botAnswers.id, chosen.answer.id));
  return { id: chosen.answer.id, answer: chosen.answer.answer };
}

/**
 * An owner's "that helped" / "talk to a person" on an answer. It counts only for an answer
 * the bot gave in this conversation, and once per time it was given: the tap's data comes
 * from the owner's client, so an id alone proves nothing, and a second tap on the same
 * buttons is the same opinion. The bot message that gave it keeps the verdict (meta.feedback).
 */
export async function recordAnswerFeedback(tx: Tx, conversationId: string, answerId: string, helpful: boolean): Promise<boolean> {
  const [given] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.senderType, 'bot'),
        sql`${messages.meta}->>'answerId' = ${answerId}`,
        sql`${messages.meta}->>'feedback' is null`,
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1);
  if (!given) return false;
  const verdict = helpful ? 'helpful' : 'unhelpful';
  await tx.update(messages).set({ meta: sql`${messages.meta} || jsonb_build_object('feedback', ${verdict}::text)` }).where(eq(messages.id, given.id));
  const counter = helpful ? { helpfulCount: sql`${botAnswers.helpfulCount} + 1` } : { unhelpfulCount: sql`${botAnswers.unhelpfulCount} + 1` };
  await tx.update(botAnswers).set(counter).where(eq(botAnswers.id, answerId));
  return true;
}
