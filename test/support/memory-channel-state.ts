/**
 * A ChannelStatePort kept in memory, for unit tests of channel folders (the integration
 * tests use the real, database-backed one). Shared by several instances, as the real one is.
 */
import type { ChannelLogger, ChannelStatePort } from '../../channels/definition.js';

export function memoryChannelState(now: () => number = Date.now): ChannelStatePort & { values: Map<string, { value: unknown; expiresAt: number | null }> } {
  const values = new Map<string, { value: unknown; expiresAt: number | null }>();
  const locks = new Set<string>();
  return {
    values,
    async get<T>(key: string): Promise<T | null> {
      const entry = values.get(key);
      if (!entry || (entry.expiresAt !== null && entry.expiresAt <= now())) return null;
      return entry.value as T;
    },
    async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
      values.set(key, { value, expiresAt: ttlMs === undefined ? null : now() + ttlMs });
    },
    async withLock<T>(key: string, fn: () => Promise<T>): Promise<T | null> {
      if (locks.has(key)) return null;
      locks.add(key);
      try {
        return await fn();
      } finally {
        locks.delete(key);
      }
    },
  };
}

export function recordingLogger(): ChannelLogger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
