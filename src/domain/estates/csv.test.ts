import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.js';
import { decodeUpload } from './decode-text.js';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside fields, CRLF and LF', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\nlast,,\n\n,,\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, cells: ['last', '', ''] },
    ]);
  });

  it('reads a last row without a line break', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });

  it('round-trips what toCsv writes, and defuses spreadsheet formulas', () => {
    const rows = [['小区', 'a,b', 'q"uote', 'multi\nline'], ['=HYPERLINK("x")', '-12', '+86 138', '']];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const back = parseCsv(text).map((r) => r.cells);
    expect(back[0]).toEqual(rows[0]);
    expect(back[1]).toEqual(["'=HYPERLINK(\"x\")", '-12', "'+86 138", '']);
  });
});

describe('decodeUpload', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    const bytes = new TextEncoder().encode('小区,楼栋');
    expect(decodeUpload(bytes)).toEqual({ text: '小区,楼栋', encoding: 'utf-8' });
    expect(decodeUpload(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ text: '小区,楼栋', encoding: 'utf-8' });
  });

  it('reads GBK (Excel’s CSV on Chinese Windows) as GB18030', () => {
    // 小区,楼栋 in GBK
    const gbk = new Uint8Array([0xd0, 0xa1, 0xc7, 0xf8, 0x2c, 0xc2, 0xa5, 0xb6, 0xb0]);
    expect(decodeUpload(gbk)).toEqual({ text: '小区,楼栋', encoding: 'gb18030' });
  });
});
