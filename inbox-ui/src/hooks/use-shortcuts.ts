/** Single-key shortcuts for the common moves; ignored while typing in a field. */
import { useEffect } from 'react';

export type ShortcutHandlers = Partial<Record<'j' | 'k' | 'r' | 'n' | 'e' | 'a' | 'c' | '/' | '?', () => void>>;

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(handlers: ShortcutHandlers, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      const handler = handlers[event.key as keyof ShortcutHandlers];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers, enabled]);
}
