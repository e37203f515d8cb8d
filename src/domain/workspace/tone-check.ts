/**
 * The tone check before a reply goes out: phrasing the center's service rules forbid
 * (blaming the owner, refusing responsibility, curt refusals). It only warns; the agent
 * decides. Rules are data (settings), so a supervisor can add phrases without a release.
 */
export type ToneCategory = 'blame' | 'refuse_responsibility' | 'curt';

export interface ToneRule {
  /** A literal phrase (matched case-insensitively) or, with `regex: true`, a pattern. */
  pattern: string;
  regex?: boolean;
  category: ToneCategory;
  /** A better way to say it, shown with the warning. */
  suggestion?: string;
}

export interface ToneFinding {
  start: number;
  end: number;
  match: string;
  category: ToneCategory;
  suggestion: string | null;
}

export const DEFAULT_TONE_RULES: ToneRule[] = [
  { pattern: '这不归我们管', category: 'refuse_responsibility', suggestion: '这个问题我帮您联系相关部门' },
  { pattern: '不归我管', category: 'refuse_responsibility', suggestion: '我帮您转给负责的同事' },
  { pattern: '不关我们的事', category: 'refuse_responsibility', suggestion: '我们来协助您协调处理' },
  { pattern: '我也没办法', category: 'refuse_responsibility', suggestion: '我们一起想办法，我先为您记录下来' },
  { pattern: '你自己(去)?(看|查|弄|处理)', regex: true, category: 'curt', suggestion: '我为您查一下' },
  { pattern: '不知道', category: 'curt', suggestion: '我帮您确认后尽快回复您' },
  { pattern: '没空', category: 'curt', suggestion: '请您稍等，我尽快为您处理' },
  { pattern: '(这|那)是你(自己)?的(问题|错)', regex: true, category: 'blame', suggestion: '给您带来不便，非常抱歉' },
  { pattern: '谁让你', category: 'blame', suggestion: '我们来看看怎么帮您解决' },
  { pattern: '早(就)?(跟|和)你说过', regex: true, category: 'blame', suggestion: '再为您说明一下' },
  { pattern: 'not our problem', category: 'refuse_responsibility', suggestion: 'Let me find the right team for you' },
  { pattern: 'not my job', category: 'refuse_responsibility', suggestion: 'I will pass this to the colleague in charge' },
  { pattern: "(there'?s|there is) nothing (I|we) can do", regex: true, category: 'refuse_responsibility', suggestion: 'Let me see what we can do' },
  { pattern: "it'?s your (own )?fault", regex: true, category: 'blame', suggestion: 'I am sorry for the trouble' },
  { pattern: 'you should have', category: 'blame', suggestion: 'Next time it may help to …' },
  { pattern: 'figure it out yourself', category: 'curt', suggestion: 'Let me look into it for you' },
  { pattern: "\\bI don'?t know\\b", regex: true, category: 'curt', suggestion: 'I will check and get back to you' },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A rule whose pattern does not compile is skipped rather than breaking every reply. */
function compile(rule: ToneRule): RegExp | null {
  try {
    return new RegExp(rule.regex ? rule.pattern : escapeRegExp(rule.pattern), 'giu');
  } catch {
    return null;
  }
}

export function isValidTonePattern(rule: ToneRule): boolean {
  return compile(rule) !== null;
}

export function checkTone(text: string, rules: readonly ToneRule[]): ToneFinding[] {
  const findings: ToneFinding[] = [];
  for (const rule of rules) {
    const re = compile(rule);
    if (!re) continue;
    for (const m of text.matchAll(re)) {
      if (!m[0]) continue;
      const start = m.index ?? 0;
      // Overlapping rules ("不归我管" inside "这不归我们管"…) report the first span once.
      if (findings.some((f) => start < f.end && start + m[0].length > f.start)) continue;
      findings.push({ start, end: start + m[0].length, match: m[0], category: rule.category, suggestion: rule.suggestion ?? null });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}
