/**
 * Emergency words (漏水, 困人, 燃气 …): a message holding one skips the guided questions and
 * becomes an urgent repair at once. The list is the center's setting; this is its default.
 */
import type { RepairKind } from './repair-categories.js';

export const DEFAULT_EMERGENCY_WORDS: readonly string[] = [
  '漏水', '跑水', '爆管', '水管爆', '困人', '被困', '关在电梯', '燃气', '煤气', '天然气', '着火', '火灾', '冒烟', '触电', '漏电',
  'gas leak', 'fire', 'smoke', 'trapped', 'flooding', 'burst pipe', 'electric shock',
];

/** The first emergency word the text holds (case-insensitive), or null. */
export function findEmergencyWord(text: string, words: readonly string[]): string | null {
  const haystack = text.toLowerCase();
  for (const word of words) {
    const w = word.trim().toLowerCase();
    if (w && haystack.includes(w)) return word;
  }
  return null;
}

/** A best guess of the kind behind an emergency, so the ticket lands with the right department. */
export function kindOfEmergency(text: string): RepairKind {
  const t = text.toLowerCase();
  if (/困人|被困|电梯|trapped|lift|elevator/.test(t)) return 'lift';
  if (/漏水|跑水|爆管|水管|flood|pipe|leak(?!.*gas)/.test(t)) return 'water';
  if (/触电|漏电|electric/.test(t)) return 'electric';
  return 'other';
}
