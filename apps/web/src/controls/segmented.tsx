// A row of radio buttons that looks like a segmented control: native keyboard behaviour (arrows,
// one tab stop) and a real <legend>, so it needs no ARIA of its own.
import { useId } from 'react';

interface SegmentedProps<T extends string | number> {
  readonly legend: string;
  readonly options: readonly { readonly value: T; readonly title: string }[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly hideLegend?: boolean;
}

export function Segmented<T extends string | number>({
  legend,
  options,
  value,
  onChange,
  hideLegend,
}: SegmentedProps<T>) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className={hideLegend ? 'visually-hidden' : undefined}>{legend}</legend>
      <div className="segmented-options">
        {options.map((option) => (
          <label key={String(option.value)} className={option.value === value ? 'checked' : undefined}>
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.title}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
