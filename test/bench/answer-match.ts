/**
 * Instant answers (src/domain/bot/answer-match.ts) on the labelled owner questions kept in
 * src/domain/bot/fixtures/: precision and recall per threshold, on all questions, on the two
 * thirds the weights were chosen on and on the held-out third (every third question), beside a
 * baseline from the same run — answer with the first answer one of whose keywords the message
 * contains, the least a keyword-list bot does. Also the time to score one message against
 * every answer. No database.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULT_ANSWER_THRESHOLD, indexAnswers, rankAnswers, type MatchableAnswer } from '../../src/domain/bot/answer-match.js';
import { evaluateMatcher, type LabelledQuestion } from '../../src/domain/bot/answer-evaluation.js';
import { containsKeyword, normalizeText } from '../../src/domain/bot/match-text.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../src/domain/bot/fixtures/${name}`, import.meta.url), 'utf8')) as T;

function keywordBaseline(answers: readonly MatchableAnswer[], questions: readonly LabelledQuestion[]) {
  let answered = 0;
  let right = 0;
  for (const q of questions) {
    const text = normalizeText(q.text);
    const got = answers.find((a) => a.keywords.some((k) => containsKeyword(text, k)));
    if (got) answered++;
    if (got && got.id === q.expected) right++;
  }
  const answerable = questions.filter((q) => q.expected !== null).length;
  return { answered, right, precision: Number((right / answered).toFixed(3)), recall: Number((right / answerable).toFixed(3)) };
}

function medianMs(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return Number((samples[Math.floor(samples.length / 2)] ?? 0).toFixed(4));
}

export function runAnswerMatchBench(): Record<string, unknown> {
  const answers = load<MatchableAnswer[]>('seed-answers.json');
  const questions = load<LabelledQuestion[]>('owner-questions.json');
  const thresholds = Array.from({ length: 15 }, (_, i) => Number((0.15 + i * 0.025).toFixed(3)));
  const table = (qs: LabelledQuestion[]) =>
    evaluateMatcher(answers, qs, thresholds).map(({ threshold, answered, right, precision, recall }) => ({ threshold, answered, right, precision, recall }));
  const tune = questions.filter((_, i) => i % 3 !== 2);
  const heldOut = questions.filter((_, i) => i % 3 === 2);
  const index = indexAnswers(answers);
  return {
    answers: answers.length,
    questions: questions.length,
    shouldNotAnswer: questions.filter((q) => q.expected === null).length,
    defaultThreshold: DEFAULT_ANSWER_THRESHOLD,
    all: table(questions),
    tune: table(tune),
    heldOut: table(heldOut),
    keywordBaseline: { all: keywordBaseline(answers, questions), heldOut: keywordBaseline(answers, heldOut) },
    msPerMessage: {
      matcherWithIndex: medianMs(() => rankAnswers('请问这个季度的物业费可以在手机上交吗？', index), 2000),
      matcherIndexingEachTime: medianMs(() => rankAnswers('请问这个季度的物业费可以在手机上交吗？', indexAnswers(answers)), 500),
      keywordBaseline: medianMs(() => answers.find((a) => a.keywords.some((k) => containsKeyword(normalizeText('请问这个季度的物业费可以在手机上交吗？'), k))), 2000),
    },
  };
}
