import { describe, expect, it } from 'vitest';
import {
  CATEGORY_LABELS,
  categoryLabel,
  comparePriority,
  LOCALES,
  PRIORITY_LABELS,
  priorityLabel,
  STATUS_LABELS,
  statusLabel,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  ticketCategorySchema,
  ticketPrioritySchema,
  ticketStatusSchema,
} from './categories.js';
import { TICKET_STATUSES } from './state-machine.js';

describe('public keys', () => {
  it('are exactly the ones in the API contract', () => {
    expect(TICKET_CATEGORIES).toEqual(['repair', 'complaint', 'inquiry', 'suggestion']);
    expect(TICKET_PRIORITIES).toEqual(['low', 'normal', 'high', 'urgent']);
  });

  it('schemas accept the keys and reject others', () => {
    expect(ticketCategorySchema.safeParse('repair').success).toBe(true);
    expect(ticketCategorySchema.safeParse('Repair').success).toBe(false);
    expect(ticketPrioritySchema.safeParse('urgent').success).toBe(true);
    expect(ticketPrioritySchema.safeParse('critical').success).toBe(false);
    expect(ticketStatusSchema.safeParse('followed_up').success).toBe(true);
    expect(ticketStatusSchema.safeParse('done').success).toBe(false);
  });
});

describe('labels', () => {
  it('every key has a non-empty label in every locale', () => {
    const tables = [
      [CATEGORY_LABELS, TICKET_CATEGORIES],
      [PRIORITY_LABELS, TICKET_PRIORITIES],
      [STATUS_LABELS, TICKET_STATUSES],
    ] as const;
    for (const [table, keys] of tables) {
      expect(Object.keys(table).sort()).toEqual([...keys].sort());
      for (const entry of Object.values(table)) {
        for (const locale of LOCALES) expect(entry[locale].trim()).not.toBe('');
      }
    }
  });

  it('uses the service center\'s words', () => {
    expect(categoryLabel('repair', 'zh-CN')).toBe('报修');
    expect(categoryLabel('complaint', 'zh-CN')).toBe('投诉');
    expect(categoryLabel('inquiry', 'en')).toBe('Inquiry');
    expect(priorityLabel('urgent', 'zh-CN')).toBe('紧急');
    expect(statusLabel('followed_up', 'zh-CN')).toBe('已回访');
    expect(statusLabel('on_hold', 'en')).toMatch(/hold/i);
  });
});

describe('comparePriority', () => {
  it('ranks urgent above high above normal above low', () => {
    const shuffled = ['normal', 'urgent', 'low', 'high'] as const;
    expect([...shuffled].sort(comparePriority).reverse()).toEqual(['urgent', 'high', 'normal', 'low']);
    expect(comparePriority('high', 'high')).toBe(0);
  });
});
