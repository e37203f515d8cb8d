/** Snooze presets as absolute times (the server stores an instant). */
export type SnoozePreset = '1h' | 'tomorrow' | 'week';

export function snoozeUntil(preset: SnoozePreset, now: Date = new Date()): Date {
  if (preset === '1h') return new Date(now.getTime() + 3_600_000);
  if (preset === 'week') return new Date(now.getTime() + 7 * 86_400_000);
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}
