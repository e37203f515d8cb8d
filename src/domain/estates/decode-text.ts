/**
 * The bytes of an uploaded CSV as text. Excel saves "CSV UTF-8" with a byte-order mark, and
 * plain "CSV" on Chinese Windows in the ANSI code page, GBK; a file that is not valid UTF-8 is
 * read as GB18030 (a superset of GBK), which every Chinese spreadsheet export is.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

/** Null when the file is not UTF-8 and this runtime has no GB18030 decoder (workerd has only UTF-8 and a few others). */
export function decodeUpload(bytes: Uint8Array): DecodedText | null {
  try {
    // ignoreBOM false (the default): a leading BOM is dropped.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try GBK below
  }
  try {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  } catch {
    return null;
  }
}
