/**
 * The lines mail clients put between a reply and its history, one trimmed line each. Every
 * test here sees one line of at most MAX_MARKER_LINE characters (longer lines are content,
 * never a marker), and every pattern is anchored and free of nested quantifiers, so the
 * cost is linear in the mail and bounded per line whatever an attacker writes.
 */

/** A marker is a short line; a longer one is never tested against a pattern. */
export const MAX_MARKER_LINE = 300;

/** Lines above which everything is history (the history below them is not ">"-quoted). */
const SEPARATOR_LINES: RegExp[] = [
  // Outlook / Coremail / Foxmail: "-----原始邮件-----"; QQ Mail: "------------------ 原始邮件 ------------------"
  /^-{2,}\s*(原始邮件|原始郵件|原始信件|原邮件|Original Message|Original|Message d'origine|Ursprüngliche Nachricht|Messaggio originale|Mensaje original|Исходное сообщение|Пересылаемое сообщение|元のメッセージ)\s*-{2,}$/i,
  /^-{2,}\s*(回复的原邮件|回覆的原郵件)\s*-{2,}$/,
];

/**
 * Outlook's rule line above its header block: 32 underscores (as its plain text and our
 * <hr> in HTML mail, see sanitize.ts, have it); a rule of another length counts only when a
 * header line follows, since people draw rules inside their own text too.
 */
export const OUTLOOK_RULE_LENGTH = 32;
export function isRuleLine(line: string): boolean {
  return line.length >= 20 && line.length <= MAX_MARKER_LINE && /^_+$/.test(line);
}

export function isSeparatorLine(line: string): boolean {
  return line.length <= MAX_MARKER_LINE && SEPARATOR_LINES.some((re) => re.test(line));
}

/** Forward markers: everything below is content the owner wants us to see. */
const FORWARD_LINES: RegExp[] = [
  /^-{2,}\s*Forwarded message\s*-{2,}$/i,
  /^-{2,}\s*(转发的邮件|轉寄的郵件|转发邮件信息|轉發郵件信息|转发邮件|Weitergeleitete Nachricht|Message transféré|Пересланное сообщение)\s*-{2,}$/i,
  /^Begin forwarded message:$/i,
  /^-{2,}\s*Original message\s*-{2,}\s*\(forwarded\)$/i,
];

export function isForwardLine(line: string): boolean {
  return line.length <= MAX_MARKER_LINE && FORWARD_LINES.some((re) => re.test(line));
}

/**
 * Signature lines of mobile clients and mail apps. Whole lines only, short, and without
 * sentence punctuation: "Sent from my desk, is much easier …" is a sentence, not a signature.
 */
const SIGNATURE_LINES: RegExp[] = [
  /^Sent from (my )?[A-Za-z0-9][\w .'’-]{0,40}$/i,
  /^Sent (from|with|via) [A-Za-z0-9][\w .'’-]{0,30} (for|on) (iOS|iPhone|iPad|Android|Windows|Mac)[\w .-]{0,12}$/i,
  /^(Get|获取|獲取)\s?Outlook\s?(for|适用于|適用於)?\s?(iOS|Android)?$/i,
  // 发自我的iPhone, 发自我的华为手机, 发自我的 Galaxy: a device or an app, not "发自我的内心".
  /^(发自|發自)我的\s?([A-Za-z][\w -]{0,24}|\S{0,10}(手机|手機|平板|设备|設備|邮箱|郵箱|客户端|客戶端|电脑|電腦))$/,
  // "来自我的…" is also ordinary prose ("来自我的邻居家的噪音"), so only with a device or app.
  /^(来自|來自)\s?(我的)?\s?(iPhone|iPad|Android|华为|HUAWEI|荣耀|小米|Redmi|OPPO|vivo|一加|三星|Samsung|魅族|网易邮箱|網易郵箱|QQ邮箱|QQ郵箱|\S{0,8}手机|\S{0,8}手機)[\w -]{0,16}$/i,
  /^(从|從)我的\s?[A-Za-z\u4e00-\u9fff][\w \u4e00-\u9fff]{0,16}\s?(发送|傳送|發送)$/, // 从我的 iPhone 发送
  /^(iPhoneから送信|iPadから送信|Отправлено с iPhone|Отправлено из мобильной Почты Mail\.ru)$/,
];

export function isSignatureLine(line: string): boolean {
  return line.length <= 60 && SIGNATURE_LINES.some((re) => re.test(line));
}

/** "-- " (RFC 3676) above a signature block. */
export function isSignatureDelimiter(rawLine: string): boolean {
  return rawLine === '-- ' || rawLine === '--' || rawLine === '—' || rawLine === '-- \t';
}

/** "… 写道：" attribution lines (Gmail zh: "X <a> 于2026年11月20日周五 10:00写道："). */
const WROTE_ZH = /(写道|寫道|寫道)\s*[:：]\s*$/;
const WROTE_EN = /^On\s.{4,}\s(wrote|writes|said):?\s*$/i;
/** Other languages' attributions: French, German, Spanish, Italian, Portuguese, Japanese, Korean, Russian, Polish, Danish. */
const WROTE_OTHER = /(のメッセージ|さんは書きました|a écrit|schrieb|escribió|ha scritto|scrisse|escreveu|작성|пишет|написал|написала|napisał|napisała|skrev)\s*:?\s*$/i;
/**
 * mail.ru / Yandex: `12.03.2024, 10:15, "Иван" <ivan@mail.ru>:` and
 * `Вторник, 12 марта 2024, 10:15 +03:00 от Иван <ivan@mail.ru>:` — a date, an address, a colon.
 */
const DATE_ADDRESS_COLON = /^(?=.{0,120}(\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(19|20)\d\d\b)).{0,240}<[^<>\s@]+@[^<>\s@]+>\s*[:：]$/;
/** German, Dutch, Danish, Czech put the name after the verb: "Am 13.05.2026 um 09:05 schrieb Vorname Nachname:". */
const WROTE_NAME_AFTER = /^(Am|Op|Den|Dne)\s.{4,120}\s(schrieb|schreef|skrev|napsal|napsala)\s.{1,120}[:：]\s*$/i;

/** An attribution needs a date or an address to count; "他在信里写道：" alone does not. */
function looksLikeAttribution(line: string): boolean {
  return /\d/.test(line) || line.includes('@');
}

export function isAttribution(candidate: string): boolean {
  if (candidate.length > MAX_MARKER_LINE) return false;
  if (WROTE_EN.test(candidate)) return true;
  if (WROTE_ZH.test(candidate) && looksLikeAttribution(candidate)) return true;
  if (WROTE_OTHER.test(candidate) && looksLikeAttribution(candidate)) return true;
  if (WROTE_NAME_AFTER.test(candidate) && looksLikeAttribution(candidate)) return true;
  return DATE_ADDRESS_COLON.test(candidate);
}

/**
 * Outlook/Foxmail header blocks: "发件人:"/"From:"/"Date:"/"发送时间:" … Each line is one of
 * three kinds; a block needs a sender, or a date together with a recipient or subject, so
 * that an owner writing "日期：明天 / 时间：上午10点" is still an owner.
 */
const HEADER_FROM = /^\**\s*(发件人|寄件者|寄件人|發件人|From|Von|De|От|Від)\s*\**\s*[:：]/i;
const HEADER_WHEN = /^\**\s*(发送时间|發送時間|寄件日期|日期|时间|時間|Sent|Date|Datum|Gesendet|Envoyé|Enviado|Inviato|Отправлено|Дата)\s*\**\s*[:：]/i;
const HEADER_TO = /^\**\s*(收件人|To|An|À|Para|A|Кому|抄送|副本|Cc|主题|主旨|Subject|Betreff|Objet|Asunto|Oggetto|Assunto|Тема)\s*\**\s*[:：]/i;

export type HeaderKind = 'from' | 'when' | 'to';

export function headerKind(line: string): HeaderKind | null {
  if (line.length > MAX_MARKER_LINE) return null;
  if (HEADER_FROM.test(line)) return 'from';
  if (HEADER_WHEN.test(line)) return 'when';
  if (HEADER_TO.test(line)) return 'to';
  return null;
}

/** Whether the kinds of consecutive header lines make a quoted mail's header block. */
export function isHeaderBlock(kinds: readonly HeaderKind[]): boolean {
  if (kinds.length < 2) return false;
  return kinds.includes('from') || (kinds.includes('when') && kinds.includes('to'));
}
