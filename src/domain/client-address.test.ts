import { describe, expect, it } from 'vitest';
import { cameOverTls, clientAddress, parseTrustedProxies } from './client-address.js';

describe('client address', () => {
  const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.5, fd00::/8');

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress('203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, none)).toBe('203.0.113.9');
  });

  it('behind a trusted proxy is the right-most untrusted hop', () => {
    expect(clientAddress('10.1.2.3', '198.51.100.7', trusted)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:10.1.2.3', '6.6.6.6, 198.51.100.7, 192.168.1.5', trusted)).toBe('198.51.100.7');
    expect(clientAddress('fd00::1', '2001:db8::5', trusted)).toBe('2001:db8::5');
  });

  it('ignores X-Forwarded-For from a peer that is not trusted, and garbage in it', () => {
    expect(clientAddress('203.0.113.9', '10.0.0.1', trusted)).toBe('203.0.113.9');
    expect(clientAddress('10.1.2.3', 'not-an-ip', trusted)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', undefined, trusted)).toBe('10.1.2.3');
  });

  it('rejects a bad list entry', () => {
    expect(() => parseTrustedProxies('10.0.0.0/99')).toThrow(/10.0.0.0\/99/);
    expect(() => parseTrustedProxies('proxy.local')).toThrow();
  });

  it('takes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(cameOverTls('https://x/', '203.0.113.9', undefined, trusted)).toBe(true);
    expect(cameOverTls('http://x/', '10.0.0.2', 'https', trusted)).toBe(true);
    expect(cameOverTls('http://x/', '203.0.113.9', 'https', trusted)).toBe(false);
  });
});
