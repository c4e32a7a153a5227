import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { VendorRow } from '../../db/contract';
import { useApi } from '../store';
import { messageOf } from '../store/ui';

interface VendorPickerProps {
  value: number | null;
  initialName: string | null;
  excludeId: number | null;
  placeholder: string;
  onChange(id: number | null): void;
  /** Offered when no vendor has the typed name: creates one (e.g. a fourth party) and picks it. */
  create?: { label(name: string): string; run(name: string): Promise<{ id: number; name: string }> };
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

type Option = { kind: 'vendor'; id: number; name: string } | { kind: 'create'; name: string };

/** Chooses a vendor by typing part of its name (the register may hold thousands, so no long drop-down): arrow keys move
 * through the matches, Enter picks, Escape closes; "no match" is said, and a missing vendor can be created in place. */
export function VendorPicker({ value, initialName, excludeId, placeholder, onChange, create, ...inputProps }: VendorPickerProps) {
  const api = useApi();
  const listId = useId();
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<{ search: string; rows: VendorRow[] } | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const typed = search.trim();
  const chosenName = picked?.id === value ? picked.name : initialName;

  useEffect(() => {
    if (typed === '') return;
    let current = true;
    const timer = setTimeout(() => {
      api.vendors
        .list({ search: typed, limit: 8 })
        .then((page) => current && setFound({ search: typed, rows: page.rows.filter((row) => row.id !== excludeId) }))
        .catch(() => current && setFound({ search: typed, rows: [] }));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, typed, excludeId]);

  const answered = found !== null && found.search === typed && typed !== '';
  const options: Option[] = answered ? found.rows.map((row) => ({ kind: 'vendor', id: row.id, name: row.name })) : [];
  if (answered && create && !found.rows.some((row) => row.name.toLowerCase() === typed.toLowerCase())) options.push({ kind: 'create', name: typed });
  const activeIndex = Math.min(active, options.length - 1);

  const choose = async (option: Option) => {
    setError(null);
    try {
      const chosen = option.kind === 'vendor' ? option : await create!.run(option.name);
      setPicked({ id: chosen.id, name: chosen.name });
      setSearch('');
      setFound(null);
      onChange(chosen.id);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length) setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (event.key === 'Enter' && options[activeIndex]) {
      event.preventDefault();
      void choose(options[activeIndex]);
    } else if (event.key === 'Escape' && typed !== '') {
      event.preventDefault();
      setSearch('');
      setFound(null);
    }
  };

  if (value !== null) {
    return (
      <div className="picker picker--chosen">
        <span className="picker__value">{chosenName ?? `Vendor #${value}`}</span>
        <button type="button" className="button button--small" onClick={() => onChange(null)} {...inputProps}>
          Remove
        </button>
      </div>
    );
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="picker">
      <input
        {...inputProps}
        type="search"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options.length ? optionId(activeIndex) : undefined}
        placeholder={placeholder}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul className="picker__list" role="listbox" id={listId}>
          {options.map((option, index) => (
            <li
              key={option.kind === 'vendor' ? option.id : 'create'}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={`picker__option${index === activeIndex ? ' is-active' : ''}${option.kind === 'create' ? ' picker__option--create' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void choose(option)}
            >
              {option.kind === 'vendor' ? option.name : create!.label(option.name)}
            </li>
          ))}
        </ul>
      )}
      {answered && options.length === 0 && (
        <p className="picker__empty muted small" role="status">
          No vendor matches “{typed}”.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
