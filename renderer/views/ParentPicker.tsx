import { useEffect, useState } from 'react';
import type { VendorRow } from '../../db/contract';
import { useApi } from '../store';

interface ParentPickerProps {
  value: number | null;
  initialName: string | null;
  excludeId: number | null;
  onChange(id: number | null): void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** Chooses a vendor by typing part of its name: the register may hold thousands, so no long drop-down. */
export function ParentPicker({ value, initialName, excludeId, onChange, ...inputProps }: ParentPickerProps) {
  const api = useApi();
  const [chosenName, setChosenName] = useState(initialName);
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<VendorRow[]>([]);

  useEffect(() => setChosenName(initialName), [initialName]);

  useEffect(() => {
    if (search.trim() === '') {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.vendors
        .list({ search, limit: 8 })
        .then((page) => current && setMatches(page.rows.filter((row) => row.id !== excludeId)))
        .catch(() => current && setMatches([]));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, search, excludeId]);

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

  return (
    <div className="picker">
      <input
        {...inputProps}
        type="search"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-autocomplete="list"
        placeholder="None — type to find the parent vendor"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {matches.length > 0 && (
        <ul className="picker__list" role="listbox">
          {matches.map((row) => (
            <li key={row.id} role="option" aria-selected={false}>
              <button
                type="button"
                onClick={() => {
                  setChosenName(row.name);
                  setSearch('');
                  setMatches([]);
                  onChange(row.id);
                }}
              >
                {row.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
