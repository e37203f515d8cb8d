/**
 * The bytes of an uploaded CSV as text. Excel saves "CSV UTF-8" with a byte-order mark, and
 * plain "CSV" on Chinese Windows in the ANSI code page, GBK; a file that is not valid UTF-8 is
 * read as GB18030 (a superset of GBK), which every Chinese spreadsheet export is.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

export function decodeUpload(bytes: Uint8Array): DecodedText {
  try {
    // ignoreBOM false (the default): a leading BOM is dropped.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
