import { describe, expect, it } from 'vitest';
import { readSurveyToken, surveyLinkExpiry, surveyToken } from './survey-links.js';

const SECRET = 'unit-test-secret-0123456789';
const ID = '0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
const now = new Date('2026-11-23T01:00:00Z');

describe('survey link tokens', () => {
  const exp = surveyLinkExpiry(now, 3);
  const token = surveyToken(SECRET, ID, exp);

  it('reads back the follow-up and expiry it was signed with', () => {
    expect(readSurveyToken(SECRET, token, now)).toEqual({ ok: true, followUpId: ID, expiresAt: exp });
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('refuses another secret, a changed id or expiry, and garbage', () => {
    const [id, e, sig] = token.split('.') as [string, string, string];
    expect(readSurveyToken('another-secret-0123456789', token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSurveyToken(SECRET, `${id.replace(/^0/, '1')}.${e}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSurveyToken(SECRET, `${id}.${(parseInt(e, 36) + 1).toString(36)}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSurveyToken(SECRET, '', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSurveyToken(SECRET, `${token}x`, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires at its instant; a day at least even when the no-feedback limit is zero', () => {
    expect(readSurveyToken(SECRET, token, new Date(exp.getTime() - 1000))).toMatchObject({ ok: true });
    expect(readSurveyToken(SECRET, token, exp)).toEqual({ ok: false, reason: 'expired' });
    expect(surveyLinkExpiry(now, 0).getTime() - now.getTime()).toBe(24 * 3600_000);
  });
});
