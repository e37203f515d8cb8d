/**
 * The pure parts of an outgoing reply: subject, References chain and the HTML alternative of
 * the agent's plain text.
 */

/** Reply prefixes mail clients use; a subject that has one is not prefixed again. */
const REPLY_PREFIX = /^\s*(re|aw|sv|antw|回复|回覆|答复|答覆)\s*(\[\d+\])?\s*[:：]/i;

/** `报修：水管漏水` → `Re: 报修：水管漏水`; `Re: …` and `回复：…` stay as they are. */
export function replySubject(subject: string | null | undefined, fallback: string): string {
  const s = (subject ?? '').replace(/\s+/g, ' ').trim();
  if (s === '') return `Re: ${fallback}`;
  return REPLY_PREFIX.test(s) ? s : `Re: ${s}`;
}

/** RFC 5322 §3.6.4: the parent's References plus the parent's own id, oldest first. */
export function buildReferences(parentReferences: readonly string[], parentMessageId: string | undefined, max = 20): string[] {
  const chain = [...parentReferences, ...(parentMessageId ? [parentMessageId] : [])];
  const unique = chain.filter((id, i) => chain.indexOf(id) === i);
  // Long chains keep the root (threads by it) and the most recent ids.
  if (unique.length <= max) return unique;
  return [unique[0] as string, ...unique.slice(unique.length - (max - 1))];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The agent's text as simple HTML: paragraphs on blank lines, line breaks kept, all escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family: sans-serif; font-size: 14px; line-height: 1.5">\n${paragraphs.join('\n')}\n</body></html>`;
}
