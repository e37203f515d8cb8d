import { describe, expect, it } from 'vitest';
import { formatTicketNumber, parseTicketNumber } from './ticket-number.js';

describe('formatTicketNumber', () => {
  it('formats the local date and a four-digit sequence', () => {
    expect(formatTicketNumber(new Date('2026-11-22T10:00:00+08:00'), 7, 'Asia/Shanghai')).toBe('WO-20261122-0007');
  });

  it('uses Asia/Shanghai by default', () => {
    expect(formatTicketNumber(new Date('2026-11-22T10:00:00+08:00'), 7)).toBe('WO-20261122-0007');
  });

  it('rolls over at local midnight, not UTC midnight', () => {
    const t = new Date('2026-11-21T16:30:00Z'); // 00:30 on the 22nd in Shanghai
    expect(formatTicketNumber(t, 1, 'Asia/Shanghai')).toBe('WO-20261122-0001');
    expect(formatTicketNumber(t, 1, 'Europe/Berlin')).toBe('WO-20261121-0001');
    expect(formatTicketNumber(new Date('2026-12-31T16:00:00Z'), 1, 'Asia/Shanghai')).toBe('WO-20270101-0001');
  });

  it('widens past 9999 instead of wrapping', () => {
    expect(formatTicketNumber(new Date('2026-11-22T10:00:00+08:00'), 12345)).toBe('WO-20261122-12345');
  });

  it('rejects a sequence that is not a positive integer and an invalid date', () => {
    expect(() => formatTicketNumber(new Date('2026-11-22T10:00:00+08:00'), 0)).toThrow(RangeError);
    expect(() => formatTicketNumber(new Date('2026-11-22T10:00:00+08:00'), 1.5)).toThrow(RangeError);
    expect(() => formatTicketNumber(new Date('x'), 1)).toThrow(RangeError);
  });
});

describe('parseTicketNumber', () => {
  it('reads what formatTicketNumber writes', () => {
    const n = formatTicketNumber(new Date('2028-02-29T09:00:00+08:00'), 42);
    expect(parseTicketNumber(n)).toEqual({ date: '2028-02-29', dailySeq: 42 });
  });

  it('forgives case and surrounding spaces (typed by an owner)', () => {
    expect(parseTicketNumber(' wo-20261122-0007 ')).toEqual({ date: '2026-11-22', dailySeq: 7 });
  });

  it.each(['WO-20260230-0001', 'WO-20261122-007', 'WO-20261122-0000', 'TK-20261122-0007', 'WO-2026112-0007', 'WO-20261122-0007x', ''])(
    'rejects %j',
    (value) => {
      expect(parseTicketNumber(value)).toBeNull();
    },
  );
});
