/**
 * Instant answers: how well an owner's message fits each answer an admin wrote, as a score in
 * [0, 1]. Pure and deterministic; the services load the answers and apply the threshold.
 *
 * A message fits an answer when (a) it covers much of one of the answer's phrasings (the
 * question itself or an example), (b) most of what it says is words that answer knows about,
 * and (c) it names one of the answer's keywords. Tokens are weighted by how rare they are
 * across all answers, so 怎么 / 什么 / "how" weigh little and 停水 / 门禁 / "parcel" a lot.
 * (b) is what keeps "物业费为什么涨价了" from getting the how-to-pay answer: 物业费 is a
 * keyword, but most of the message is about something that answer does not cover.
 */
import type { BotLocale } from './bot-locale.js';
import { containsKeyword, normalizeText, tokensOf } from './match-text.js';

export interface MatchableAnswer {
  id: string;
  question: string;
  keywords: readonly string[];
  phrasings: readonly string[];
  locale: BotLocale;
}

export interface ScoredAnswer<A extends MatchableAnswer = MatchableAnswer> {
  answer: A;
  score: number;
}

/**
 * The threshold the bot answers at unless an admin sets another, measured on the labelled
 * owner questions (fixtures/owner-questions.json): the lowest one whose precision on the
 * tuning two thirds stays ≥ 0.94. BENCHMARKS.md has precision and recall per threshold.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.3;

/**
 * How much a token no answer knows counts, relative to the rarest known token. Low, because
 * Chinese bigrams across word boundaries (天会, 会停 in 明天会停水吗) are mostly noise; not
 * zero, so that a long message about something else still dilutes a lone shared keyword.
 */
const UNKNOWN_WEIGHT = 0.2;
/** The share of the score a keyword named outright can add (scaled by (b), see above). */
const KEYWORD_BONUS = 0.5;

/**
 * Words that turn a how-to question into something a written answer cannot settle: asking
 * why it happened, or reporting a loss, damage, a wrong bill or someone's conduct needs a
 * person's judgement ("物业费为什么涨价了" is not "how do I pay"). A message with one of them
 * keeps only part of its score, unless the answer's own texts use the same word (an admin
 * who writes "今天为什么停水" as a phrasing means that question to be answered).
 */
export const NEEDS_A_PERSON = [
  '为什么', '凭什么', '涨价', '多收', '算错', '乱收', '退钱', '退款', '被偷', '丢了东西', '坏了', '损坏', '赔偿', '监控', '态度',
  'why', 'stolen', 'broken', 'damaged', 'scratched', 'refund', 'overcharged', 'wrong',
] as const;
const NEEDS_A_PERSON_FACTOR = 0.5;

interface IndexedAnswer<A extends MatchableAnswer> {
  answer: A;
  phrasings: Set<string>[];
  vocabulary: Set<string>;
  /** Its question, phrasings and keywords, normalized: where NEEDS_A_PERSON words are looked up. */
  text: string;
}

export interface AnswerIndex<A extends MatchableAnswer> {
  entries: IndexedAnswer<A>[];
  weight: (token: string) => number;
}

/** Tokenizes the answers once; reuse the index for many messages (the bench, the try box). */
export function indexAnswers<A extends MatchableAnswer>(answers: readonly A[]): AnswerIndex<A> {
  const entries = answers.map((answer) => {
    const phrasings = [answer.question, ...answer.phrasings].map(tokensOf).filter((s) => s.size > 0);
    const vocabulary = new Set<string>();
    for (const s of phrasings) for (const t of s) vocabulary.add(t);
    for (const k of answer.keywords) for (const t of tokensOf(k)) vocabulary.add(t);
    const text = normalizeText([answer.question, ...answer.phrasings, ...answer.keywords].join(' '));
    return { answer, phrasings, vocabulary, text };
  });
  const df = new Map<string, number>();
  for (const e of entries) for (const t of e.vocabulary) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(entries.length, 1);
  const maxIdf = Math.log(1 + n);
  const weight = (token: string): number => {
    const d = df.get(token);
    return d === undefined ? UNKNOWN_WEIGHT * maxIdf : Math.log(1 + n / d);
  };
  return { entries, weight };
}

function sum(tokens: Iterable<string>, weight: (t: string) => number): number {
  let total = 0;
  for (const t of tokens) total += weight(t);
  return total;
}

function scoreOne<A extends MatchableAnswer>(entry: IndexedAnswer<A>, message: Set<string>, normalized: string, weight: (t: string) => number): number {
  const messageMass = sum(message, weight);
  if (messageMass === 0) return 0;
  // (a) the phrasing the message covers best, as a share of that phrasing's weight.
  let phrasing = 0;
  for (const p of entry.phrasings) {
    let shared = 0;
    for (const t of p) if (message.has(t)) shared += weight(t);
    const mass = sum(p, weight);
    if (mass > 0) phrasing = Math.max(phrasing, shared / mass);
  }
  // (b) the share of the message this answer knows about.
  let known = 0;
  for (const t of message) if (entry.vocabulary.has(t)) known += weight(t);
  const coverage = known / messageMass;
  // (c) a keyword named outright.
  const keyword = entry.answer.keywords.some((k) => containsKeyword(normalized, k)) ? 1 : 0;
  const base = Math.sqrt(phrasing * coverage);
  const score = Math.min(1, base * (1 - KEYWORD_BONUS) + keyword * KEYWORD_BONUS * coverage);
  const needsPerson = NEEDS_A_PERSON.some((w) => containsKeyword(normalized, w) && !containsKeyword(entry.text, w));
  return needsPerson ? score * NEEDS_A_PERSON_FACTOR : score;
}

/** Every answer with its score for the message, best first (ties: the order given). */
export function rankAnswers<A extends MatchableAnswer>(text: string, index: AnswerIndex<A>): ScoredAnswer<A>[] {
  const message = tokensOf(text);
  const normalized = normalizeText(text);
  return index.entries
    .map((e) => ({ answer: e.answer, score: Number(scoreOne(e, message, normalized, index.weight).toFixed(4)) }))
    .sort((a, b) => b.score - a.score);
}

/**
 * The answer the bot gives, or null when none reaches the threshold. An answer in the owner's
 * language wins over one in the other; the other language's is used only when no answer in
 * the owner's own fits — the words select the language (Chinese bigrams never match English
 * phrasings), so such a match means the owner wrote in that language and can read the answer.
 */
export function chooseAnswer<A extends MatchableAnswer>(ranked: readonly ScoredAnswer<A>[], locale: BotLocale | null, threshold: number): ScoredAnswer<A> | null {
  const fits = ranked.filter((r) => r.score > 0 && r.score >= threshold);
  return fits.find((r) => r.answer.locale === locale) ?? fits[0] ?? null;
}

/** One call for one message: index, rank, choose. */
export function matchAnswer<A extends MatchableAnswer>(text: string, answers: readonly A[], locale: BotLocale | null, threshold: number): ScoredAnswer<A> | null {
  return chooseAnswer(rankAnswers(text, indexAnswers(answers)), locale, threshold);
}
