import { en, type Catalog } from './en';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A saved choice wins; otherwise the browser's first language: zh* → zh-CN, anything else → en. */
export function pickLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  const first = browserLanguages[0];
  return first !== undefined && first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** For keys built from server values (a channel name, an attachment kind) that may be unknown. */
export function isMessageKey(key: string): key is keyof Catalog {
  return Object.prototype.hasOwnProperty.call(catalogs.en, key);
}
