/**
 * Choices the bot offers. Channels that draw buttons or click menus show them as such; on any
 * other channel they become numbered lines, and a reply of just that number picks one.
 */
export interface BotChoice {
  /** What comes back when it is picked (callback data, menu id): short and stable. */
  value: string;
  label: string;
}

export function numberedLines(choices: readonly BotChoice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
}

/** The choice a typed reply picks: its number ("2", "２", "2." ) or its label; null otherwise. */
export function choiceFromText(text: string, offered: readonly BotChoice[]): BotChoice | null {
  const t = text.trim().normalize('NFKC').replace(/[.、。)]$/u, '');
  if (/^\d{1,2}$/.test(t)) return offered[Number(t) - 1] ?? null;
  const lower = t.toLowerCase();
  return offered.find((c) => c.label.toLowerCase() === lower) ?? null;
}

/** The picked choice of a tap or click, if it is one we offered or a fixed bot action. */
export function choiceFromValue(value: string, offered: readonly BotChoice[]): BotChoice | null {
  return offered.find((c) => c.value === value) ?? null;
}
