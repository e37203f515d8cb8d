import { describe, expect, it } from 'vitest';
import { emailAcknowledgementText, isEmailAcknowledgement } from './email-acknowledgement.js';

describe('emailAcknowledgementText', () => {
  it('names the reference in both languages and says it is automatic', () => {
    const text = emailAcknowledgementText('HX-3F2A9C1B');
    const [zh, en] = text.split('\n\n');
    expect(zh).toContain('受理编号 HX-3F2A9C1B');
    expect(zh).toContain('自动回复');
    expect(en).toContain('reference number is HX-3F2A9C1B');
    expect(en).toContain('automatic reply');
  });
});

describe('isEmailAcknowledgement', () => {
  it('is true only for the acknowledgement kind', () => {
    expect(isEmailAcknowledgement({ kind: 'email-ack' })).toBe(true);
    expect(isEmailAcknowledgement({ kind: 'welcome' })).toBe(false);
    expect(isEmailAcknowledgement({})).toBe(false);
    expect(isEmailAcknowledgement(undefined)).toBe(false);
  });
});
