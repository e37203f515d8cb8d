import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks X-Telegram-Bot-Api-Secret-Token in constant time. Both sides are hashed first so
 * that neither the comparison nor an early length mismatch reveals the secret's length.
 */
export function verifyTelegramSecret(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
