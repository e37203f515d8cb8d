/**
 * What an owner can report through the guided repair flow (报修), and which seeded department
 * receives each kind (departments are found by their stable key; see services/tickets/departments).
 */
import type { Localized } from './bot-locale.js';

export const REPAIR_KINDS = ['water', 'electric', 'doors', 'lift', 'public', 'other'] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

export const REPAIR_KIND_LABELS: Record<RepairKind, Localized> = {
  water: { 'zh-CN': '水管/漏水', en: 'Water / leaks' },
  electric: { 'zh-CN': '电路/停电', en: 'Electrical' },
  doors: { 'zh-CN': '门窗/门禁', en: 'Doors and windows' },
  lift: { 'zh-CN': '电梯', en: 'Lift' },
  public: { 'zh-CN': '公共区域', en: 'Public area' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** The department key each kind is dispatched to: lifts and shared spaces are the engineers'. */
export const REPAIR_DEPARTMENT: Record<RepairKind, string> = {
  water: 'maintenance',
  electric: 'maintenance',
  doors: 'maintenance',
  lift: 'engineering',
  public: 'engineering',
  other: 'maintenance',
};

export function isRepairKind(value: string): value is RepairKind {
  return (REPAIR_KINDS as readonly string[]).includes(value);
}
