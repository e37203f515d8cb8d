/** A listbox of suggestions under the composer (canned replies after `/`, agents after `@`). */
export interface Suggestion {
  id: string;
  primary: string;
  secondary?: string;
}

interface Props {
  id: string;
  label: string;
  items: Suggestion[];
  active: number;
  empty: string;
  onPick: (index: number) => void;
  testId: string;
}

export function SuggestionList({ id, label, items, active, empty, onPick, testId }: Props) {
  return (
    <div className="suggest" data-testid={testId}>
      <div className="suggest__label muted">{label}</div>
      {items.length === 0 ? (
        <p className="muted suggest__empty">{empty}</p>
      ) : (
        <ul id={id} role="listbox" aria-label={label} className="suggest__list">
          {items.map((item, index) => (
            <li
              key={item.id}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === active}
              className={`suggest__item${index === active ? ' suggest__item--active' : ''}`}
              data-testid={`${testId}-item`}
              // mousedown, not click: the textarea must keep focus and its caret.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(index);
              }}
            >
              <span className="suggest__primary">{item.primary}</span>
              {item.secondary && <span className="suggest__secondary muted">{item.secondary}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
