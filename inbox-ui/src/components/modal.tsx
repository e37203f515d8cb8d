/** An accessible dialog: labelled, focus moves in and comes back, Escape closes, Tab stays inside. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
          if (e.key !== 'Tab' || !box.current) return;
          const items = [...box.current.querySelectorAll<HTMLElement>('input, select, textarea, button, [href]')].filter((el) => !el.hasAttribute('disabled'));
          const first = items[0];
          const last = items[items.length - 1];
          const wrapTo = e.shiftKey ? (document.activeElement === first ? last : null) : document.activeElement === last ? first : null;
          if (wrapTo) {
            e.preventDefault();
            wrapTo.focus();
          }
        }}
      >
        <h2 id={`${testId}-title`} className="modal__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
