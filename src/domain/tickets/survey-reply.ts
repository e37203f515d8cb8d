/**
 * An owner's survey answer written as a message instead of a button (email, forum, or typed on
 * Telegram): a bare score "4", "4分", "5 星", and/or "未解决" / "not solved". Anything longer
 * is a conversation, not an answer, so it is left to the agents.
 */
export interface SurveyReply {
  /** 1..5, or null when the owner only said it is not solved. */
  score: number | null;
  solved: boolean;
}

const NOT_SOLVED = /(未解决|没解决|没有解决|没修好|没处理好|not\s+solved|not\s+fixed|unsolved)/i;
const SCORE = /^([1-5])\s*(分|星|颗星|stars?|points?|\/\s*5)?$/i;

export function parseSurveyReply(text: string): SurveyReply | null {
  const t = text.trim().replace(/[。．.!！]+$/u, '').trim();
  if (t.length === 0 || t.length > 30) return null;
  const solved = !NOT_SOLVED.test(t);
  const rest = t.replace(NOT_SOLVED, '').replace(/^[\s,，;；:：]+|[\s,，;；:：]+$/gu, '');
  if (rest === '') return solved ? null : { score: null, solved: false };
  const m = SCORE.exec(rest);
  if (!m) return null;
  return { score: Number(m[1]), solved };
}
