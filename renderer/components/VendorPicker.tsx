import { useEffect, useState } from 'react';
import type { VendorRow } from '../../db/contract';
import { useApi } from '../store';

interface VendorPickerProps {
  value: number | null;
  initialName: string | null;
  excludeId: number | null;
  placeholder: string;
  onChange(id: number | null): void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** Chooses a vendor by typing part of its name: the register may hold thousands, so no long drop-down. */
export function VendorPicker({ value, initialName, excludeId, placeholder, onChange, ...inputProps }: VendorPickerProps) {
  const api = useApi();
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<VendorRow[]>([]);
  const matches = search.trim() === '' ? [] : found;
  const chosenName = picked?.id === value ? picked.name : initialName;

  useEffect(() => {
    if (search.trim() === '') return;
    let current = true;
    const timer = setTimeout(() => {
      api.vendors
        .list({ search, limit: 8 })
        .then((page) => current && setFound(page.rows.filter((row) => row.id !== excludeId)))
        .catch(() => current && setFound([]));
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
        placeholder={placeholder}
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
                  setPicked({ id: row.id, name: row.name });
                  setSearch('');
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
