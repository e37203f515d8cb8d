/**
 * The new text of a reply, without the quoted history and the signature.
 *
 * Two passes: first we cut at the markers mail clients put above quoted history (the
 * Chinese ones email-reply-parser does not know, and the English ones it knows only in part),
 * then email-reply-parser (a maintained port of GitHub's EmailReplyParser) hides what is left
 * of ">"-quoted lines and signatures. Forwarded content is kept: the owner forwards a mail
 * precisely so that we read it. The result is never empty when the mail has content.
 */
import EmailReplyParser from 'email-reply-parser';

/** Lines above which everything is history. Each is tested against one trimmed line. */
const SEPARATOR_LINES: RegExp[] = [
  // Outlook / Coremail / Foxmail: "-----原始邮件-----"; QQ Mail: "------------------ 原始邮件 ------------------"
  /^-{2,}\s*(原始邮件|原始郵件|原始信件|原邮件|Original Message|Original|Message d'origine|Ursprüngliche Nachricht|元のメッセージ)\s*-{2,}$/i,
  /^-{2,}\s*(回复的原邮件|回覆的原郵件)\s*-{2,}$/,
  // Outlook's rule line above its header block.
  /^_{20,}$/,
];

/** Signature lines that end the new text (mobile clients put them between reply and quote). */
const SIGNATURE_LINES: RegExp[] = [
  /^--\s?$/,
  /^(发自|發自)我的\s?\S.{0,30}$/, // 发自我的iPhone, 发自我的华为手机
  // "来自我的…" is also ordinary prose ("来自我的邻居家的噪音"), so only with a device or app.
  /^(来自|來自)\s?(我的)?\s?(iPhone|iPad|Android|华为|HUAWEI|荣耀|小米|Redmi|OPPO|vivo|一加|三星|Samsung|魅族|网易邮箱|網易郵箱|QQ邮箱|QQ郵箱|\S{0,8}手机|\S{0,8}手機)\S{0,20}$/i,
  /^(从|從)我的\s?\S.{0,20}(发送|傳送|發送)$/, // 从我的 iPhone 发送
  /^Sent from my \S.{0,40}$/i,
  /^(Get|获取|獲取)\s?Outlook\s?(for|适用于|適用於)?\s?(iOS|Android)?.{0,60}$/i,
  /^(iPhoneから送信|iPadから送信)$/,
];

/** "… 写道：" attribution lines (Gmail zh: "X <a> 于2026年11月20日周五 10:00写道："). */
const WROTE_ZH = /(写道|寫道)\s*[:：]\s*$/;
const WROTE_EN = /^(>\s*)*On\s.{4,}\swrote:\s*$/i;
const WROTE_OTHER = /(のメッセージ|さんは書きました|a écrit|schrieb|escribió|작성)\s*:?\s*$/;

/** An attribution line needs a date or an address to count; "他在信里写道：" alone does not. */
function looksLikeAttribution(line: string): boolean {
  return /\d/.test(line) || /@/.test(line);
}

/** Outlook/Foxmail header block: "发件人:"/"From:" followed by "发送时间:"/"Sent:"/"收件人:"… */
const HEADER_FROM = /^\**\s*(发件人|寄件者|寄件人|發件人|From)\s*\**\s*[:：]/i;
const HEADER_OTHER = /^\**\s*(发送时间|發送時間|寄件日期|日期|时间|時間|Sent|Date|收件人|To|抄送|副本|Cc|主题|主旨|Subject)\s*\**\s*[:：]/i;

/** Forward markers: everything below is content the owner wants us to see. */
const FORWARD_LINES: RegExp[] = [
  /^-{2,}\s*Forwarded message\s*-{2,}$/i,
  /^-{2,}\s*(转发的邮件|轉寄的郵件|转发邮件信息|轉發郵件信息|转发邮件|Weitergeleitete Nachricht|Message transféré)\s*-{2,}$/i,
  /^Begin forwarded message:$/i,
  /^-{2,}\s*Original message\s*-{2,}\s*\(forwarded\)$/i,
];

function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // Zero-width characters one by one (a class would read ZWJ as joining its neighbours).
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/\u00a0/g, ' ');
}

/** Index of the first forward marker line, or -1. */
function findForward(lines: string[]): number {
  return lines.findIndex((l) => FORWARD_LINES.some((re) => re.test(l.trim())));
}

function stripQuotePrefix(line: string): string {
  return line.replace(/^(\s*>)+\s?/, '').trim();
}

/** Index of the first line where quoted history or the signature starts, or -1. */
function findCut(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '') continue;
    const unquoted = stripQuotePrefix(raw);

    if (SEPARATOR_LINES.some((re) => re.test(unquoted))) return i;
    if (SIGNATURE_LINES.some((re) => re.test(line))) return i;

    // Attribution lines may be wrapped by the client; look at this line and the next joined.
    const next = stripQuotePrefix(lines[i + 1] ?? '');
    for (const candidate of [unquoted, `${unquoted} ${next}`]) {
      if (candidate.length > 300) continue;
      if (WROTE_ZH.test(candidate) && looksLikeAttribution(candidate)) return i;
      if (WROTE_EN.test(candidate)) return i;
      if (WROTE_OTHER.test(candidate) && looksLikeAttribution(candidate)) return i;
    }

    if (HEADER_FROM.test(unquoted)) {
      // A real header block has at least one more header line right below "From:".
      const following = lines
        .slice(i + 1, i + 6)
        .map(stripQuotePrefix)
        .filter((l) => l !== '');
      if (following.slice(0, 4).some((l) => HEADER_OTHER.test(l))) return i;
    }
  }
  return -1;
}

/**
 * email-reply-parser joins lines between any line starting with "在" and a later "写道："
 * (one of its regexes spans lines), which would swallow ordinary Chinese sentences. The
 * attributions were cut already, so any "写道：" left is prose: hide it from the parser.
 */
const SHIELD = '\ue000';
function shield(text: string): string {
  return text.replace(/写道：/g, `写道${SHIELD}`);
}
function unshield(text: string): string {
  return text.replace(new RegExp(SHIELD, 'g'), '：');
}

function visibleText(text: string): string {
  const email = new EmailReplyParser().read(shield(text));
  return unshield(email.getVisibleText()).trim();
}

export interface TrimmedReply {
  /** The new text (the whole text when nothing could be told apart). */
  text: string;
  /** Whether anything was removed. */
  trimmed: boolean;
  /** Whether the mail carries forwarded content (kept in `text`). */
  forwarded: boolean;
}

export function trimReplyDetailed(fullText: string): TrimmedReply {
  const full = normalize(fullText).trim();
  if (full === '') return { text: '', trimmed: false, forwarded: false };
  const lines = full.split('\n');

  const forwardAt = findForward(lines);
  const ownLines = forwardAt === -1 ? lines : lines.slice(0, forwardAt);
  const forwardedPart = forwardAt === -1 ? '' : lines.slice(forwardAt).join('\n').trim();

  const cutAt = findCut(ownLines);
  const head = (cutAt === -1 ? ownLines : ownLines.slice(0, cutAt)).join('\n');
  let own = head.trim() === '' ? '' : visibleText(head);
  // The parser hides everything when a mail is nothing but a quote; keep what we had then.
  if (own === '' && head.trim() !== '' && forwardedPart === '') own = head.trim();

  const text = [own, forwardedPart].filter((p) => p !== '').join('\n\n').trim();
  if (text === '') return { text: full, trimmed: false, forwarded: forwardAt !== -1 };
  return { text, trimmed: text !== full, forwarded: forwardAt !== -1 };
}

/** Only the new text of a reply; falls back to the full text rather than returning nothing. */
export function trimReply(fullText: string): string {
  return trimReplyDetailed(fullText).text;
}
