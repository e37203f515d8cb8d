import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox('test-app-secret-0123456789abcdef');

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('{"imapPassword":"密码-secret"}', 'inbox:support@example.com');
    expect(sealed).not.toContain('secret');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed, 'inbox:support@example.com')).toBe('{"imapPassword":"密码-secret"}');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses another context, another key and tampering', () => {
    const sealed = box.seal('pw', 'inbox:a');
    expect(() => box.open(sealed, 'inbox:b')).toThrow(SecretBoxError);
    expect(() => createSecretBox('another-app-secret-0123456789').open(sealed, 'inbox:a')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'inbox:a')).toThrow(SecretBoxError);
    expect(() => box.open('garbage', 'inbox:a')).toThrow(SecretBoxError);
  });

  it('needs a secret of at least 16 characters', () => {
    expect(() => createSecretBox('short')).toThrow(SecretBoxError);
  });
});
