/** The two languages the bot speaks, and how an owner's platform language maps onto them. */
export type BotLocale = 'zh-CN' | 'en';

export type Localized = Record<BotLocale, string>;

/** Telegram's language_code ("zh-hans", "en-US" …); anything not English is answered in Chinese. */
export function localeFromLanguageCode(code: string | null | undefined): BotLocale {
  return code && /^en\b/i.test(code) ? 'en' : 'zh-CN';
}

export function isBotLocale(value: unknown): value is BotLocale {
  return value === 'zh-CN' || value === 'en';
}
