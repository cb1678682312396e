// A select that commits a moment after the last change, or at once on Enter or on leaving it.
// Keyboard type-ahead in a closed select fires a change per letter ("Б", "Бо", "Бог"…): each
// one must not become a saved, audited substitution or a journal opened for nothing.
import { useEffect, useRef, useState } from 'react';

const SETTLE_MS = 700;

export interface SelectOption {
  value: string;
  label: string;
  group?: string;
}

interface Props {
  id?: string;
  value: string;
  options: SelectOption[];
  /** May resolve to null when refused: the select then shows the saved value again. */
  onCommit(value: string): Promise<unknown> | void;
  disabled?: boolean;
  label?: string;
  className?: string;
  testId: string;
}

export function SettleSelect({ id, value, options, onCommit, disabled, label, className, testId }: Props) {
  const [draft, setDraft] = useState(value);
  const draftRef = useRef(value);
  const valueRef = useRef(value);
  valueRef.current = value;
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    draftRef.current = value;
    setDraft(value);
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const flush = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (draftRef.current === valueRef.current) return;
    void Promise.resolve(onCommit(draftRef.current)).then((saved) => {
      if (saved === null) {
        draftRef.current = valueRef.current;
        setDraft(valueRef.current);
      }
    });
  };

  // Options in groups keep their order; ungrouped ones come first.
  const groups: { name: string | undefined; items: SelectOption[] }[] = [];
  for (const o of options) {
    const g = groups.find((x) => x.name === o.group);
    if (g) g.items.push(o);
    else groups.push({ name: o.group, items: [o] });
  }
  const render = (items: SelectOption[]) =>
    items.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));

  return (
    <select
      id={id}
      className={className}
      value={draft}
      disabled={disabled}
      aria-label={label}
      onChange={(e) => {
        draftRef.current = e.target.value;
        setDraft(e.target.value);
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(flush, SETTLE_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          flush();
        }
      }}
      onBlur={flush}
      data-testid={testId}
    >
      {groups.map((g) =>
        g.name === undefined ? (
          render(g.items)
        ) : (
          <optgroup key={g.name} label={g.name}>
            {render(g.items)}
          </optgroup>
        ),
      )}
    </select>
  );
}
