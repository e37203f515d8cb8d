import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('CSV for Excel', () => {
  it('starts with a BOM, quotes what needs quoting and defuses formulas', () => {
    expect(toCsv(['id', '客服'], [['a,b', '王"小"明'], [1, null]])).toBe('\uFEFFid,客服\r\n"a,b","王""小""明"\r\n1,\r\n');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });
});
