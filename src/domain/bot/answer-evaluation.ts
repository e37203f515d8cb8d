/**
 * Precision and recall of the instant-answer matcher on labelled owner questions: an answer
 * given is right when it is the labelled one; a question labelled null must get none.
 * precision = right answers / answers given; recall = right answers / questions that have one.
 */
import { chooseAnswer, indexAnswers, rankAnswers, type MatchableAnswer } from './answer-match.js';

export interface LabelledQuestion {
  text: string;
  /** The answer it should get, or null for "leave it to a person". */
  expected: string | null;
}

export interface Evaluation {
  threshold: number;
  questions: number;
  answerable: number;
  answered: number;
  right: number;
  precision: number;
  recall: number;
  /** Answers given that should not have been (wrong answer or a null question). */
  wrong: { text: string; expected: string | null; got: string; score: number }[];
  /** Answerable questions left to a person or answered wrongly. */
  missed: { text: string; expected: string; best: string | null; score: number }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Number((a / b).toFixed(3)));

export function evaluateMatcher(answers: readonly MatchableAnswer[], questions: readonly LabelledQuestion[], thresholds: readonly number[]): Evaluation[] {
  const index = indexAnswers(answers);
  const ranked = questions.map((q) => ({ q, ranked: rankAnswers(q.text, index) }));
  return thresholds.map((threshold) => {
    const wrong: Evaluation['wrong'] = [];
    const missed: Evaluation['missed'] = [];
    let answered = 0;
    let right = 0;
    for (const { q, ranked: r } of ranked) {
      const got = chooseAnswer(r, null, threshold);
      if (got) answered++;
      if (got && got.answer.id === q.expected) right++;
      else if (got) wrong.push({ text: q.text, expected: q.expected, got: got.answer.id, score: got.score });
      if (q.expected && got?.answer.id !== q.expected) missed.push({ text: q.text, expected: q.expected, best: r[0]?.answer.id ?? null, score: r[0]?.score ?? 0 });
    }
    const answerable = questions.filter((q) => q.expected !== null).length;
    return { threshold, questions: questions.length, answerable, answered, right, precision: ratio(right, answered), recall: ratio(right, answerable), wrong, missed };
  });
}
