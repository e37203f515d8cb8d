/**
 * Standard phrases (规范服务用语) with variables, as the owner reads them: "{number}" is
 * replaced by the ticket number and so on. Pure: the caller passes every value in.
 */
import { toLocal } from './zoned-time.js';

/** Replaces `{name}` placeholders; a placeholder without a value stays as written, so a typo shows. */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? (vars[name] ?? whole) : whole));
}

/** The placeholders a template uses, for validating an edited template against the known ones. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].filter(Boolean);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-23 10:30" on the wall clock of `timeZone`: unambiguous for owners in any locale. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  const l = toLocal(at.getTime(), timeZone);
  return `${l.year}-${two(l.month)}-${two(l.day)} ${two(l.hour)}:${two(l.minute)}`;
}
