import type { SelectHTMLAttributes } from 'react';

type Props<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: T | null | undefined;
  values: readonly T[];
  labels: Record<T, string>;
  /** What no choice means here ("Not set" unless said): the register keeps null until someone decides. */
  empty?: string;
  onChange(value: T | null): void;
};

/** A select of a code list, the empty choice first. */
export function CodeSelect<T extends string>({ value, values, labels, empty = 'Not set', onChange, ...rest }: Props<T>) {
  return (
    <select {...rest} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as T | null)}>
      <option value="">{empty}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels[v]}
        </option>
      ))}
    </select>
  );
}
