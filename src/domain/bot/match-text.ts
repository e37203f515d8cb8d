/**
 * How the instant-answer matcher reads text: one normal form for full-width and half-width
 * characters, case and punctuation, then tokens — character bigrams for Chinese (it has no
 * spaces, and a bigram is the shortest unit that still carries meaning: 停水, 门禁, 快递) and
 * words for English, lightly stemmed and without the words every question shares.
 */

const HAN = /\p{Script=Han}/u;

/** NFKC folds full-width letters, digits and punctuation (ＡＢＣ１２３，) into their plain forms. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const EN_STOP = new Set(
  'a an the i me my we our you your is are am was were be been do does did can could would should will shall to of for in on at by with from and or it its this that there here what where when how why who which please hi hello any some get got have has had not no yes just so if up as about'.split(' '),
);

/** Plural and simple verb endings, so "parcels" meets "parcel" and "lockers" meets "locker". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The tokens of a text, once each: Chinese bigrams (a lone character stays itself) and English word stems. */
export function tokensOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const chunk of normalizeText(text).split(' ')) {
    if (!chunk) continue;
    // A chunk may mix scripts ("wifi密码", "3栋"): split it into Han and non-Han runs.
    for (const run of chunk.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (HAN.test(run)) {
        const chars = [...run];
        if (chars.length === 1) out.add(run);
        for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
      } else if (!EN_STOP.has(run) && !/^\d+$/.test(run)) {
        out.add(stem(run));
      }
    }
  }
  return out;
}

/**
 * Whether a keyword occurs in a normalized text: anywhere for Chinese, as whole words for
 * English ("card" must not match "cardboard"; plurals are folded on both sides).
 */
export function containsKeyword(normalizedText: string, keyword: string): boolean {
  const k = normalizeText(keyword);
  if (!k) return false;
  if (HAN.test(k)) return normalizedText.includes(k);
  const words = (s: string) => s.split(' ').map(stem).join(' ');
  return ` ${words(normalizedText)} `.includes(` ${words(k)} `);
}
