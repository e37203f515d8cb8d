/**
 * Credentials at rest (mailbox passwords in `inboxes.secrets_encrypted`): AES-256-GCM with a
 * key derived from APP_SECRET by HKDF-SHA256, so the database alone never reveals them and a
 * tampered value fails to open instead of decrypting to garbage.
 *
 * Format: `v1.<iv>.<tag>.<ciphertext>` (base64url); `context` is bound as additional data so
 * a value copied to another row (another inbox) does not open there.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {}

export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export function createSecretBox(appSecret: string): SecretBox {
  if (appSecret.length < 16) throw new SecretBoxError('APP_SECRET must be at least 16 characters');
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'huixin', 'inbox-secrets v1', 32));

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new SecretBoxError('not a sealed value of a known version');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (err) {
        // Wrong APP_SECRET, another row's value, or tampering: all look the same from here.
        throw new SecretBoxError('stored credentials could not be decrypted (was APP_SECRET changed?)', { cause: err });
      }
    },
  };
}
