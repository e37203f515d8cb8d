/** Forum page language: a chosen cookie wins, then the browser's Accept-Language; Chinese by default. */
import { en } from './en.js';
import { zhCN, type ForumCatalog, type ForumMessageKey } from './zh-CN.js';

export type ForumLocale = 'zh-CN' | 'en';
export type T = (key: ForumMessageKey, vars?: Record<string, string | number>) => string;

const catalogs: Record<ForumLocale, ForumCatalog> = { 'zh-CN': zhCN, en };

export function pickForumLocale(cookie: string | undefined, acceptLanguage: string | undefined): ForumLocale {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function translator(locale: ForumLocale): T {
  const catalog = catalogs[locale];
  return (key, vars) => catalog[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

export type { ForumMessageKey };
