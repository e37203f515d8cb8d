import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-check.js';

describe('originAllowed', () => {
  it('accepts the app itself, PUBLIC_URL and requests without Origin', () => {
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', undefined)).toBe(true);
    expect(originAllowed('https://inbox.example.com', '10.0.0.5:3000', 'https://inbox.example.com/')).toBe(true);
    expect(originAllowed(undefined, '127.0.0.1:3000', undefined)).toBe(true);
  });

  it('refuses a sibling port, another host, null and garbage', () => {
    expect(originAllowed('http://127.0.0.1:3001', '127.0.0.1:3000', undefined)).toBe(false);
    expect(originAllowed('https://evil.example', '127.0.0.1:3000', 'https://inbox.example.com')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3000', undefined)).toBe(false);
    expect(originAllowed('http://inbox.example.com', 'x', 'https://inbox.example.com')).toBe(false);
  });
});
