import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks X-Telegram-Bot-Api-Secret-Token in constant time. Both sides are hashed first so
 * that neither the comparison nor an early length mismatch reveals the secret's length.
 */
export function verifyTelegramSecret(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  return timingSafeEqual(sha256(given), expectedDigest(expected));
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

// The configured secret rarely changes: its digest is kept rather than recomputed per request.
let cached: { secret: string; digest: Buffer } | null = null;
function expectedDigest(secret: string): Buffer {
  if (cached?.secret !== secret) cached = { secret, digest: sha256(secret) };
  return cached.digest;
}
