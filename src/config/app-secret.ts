import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * On the embedded database a missing APP_SECRET is generated once and kept beside the data,
 * so sessions and stored credentials survive restarts. The file is readable by its owner only.
 */
export function resolveAppSecret(given: string | undefined, dataDir: string): string {
  if (given) return given;
  const file = join(dataDir, 'app-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return existing;
  } catch {
    // first start: generate below
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
