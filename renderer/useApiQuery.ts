import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { Api } from '../db/contract';
import { withSignal } from './api';
import { useApi, useApp } from './store';
import { messageOf } from './store/ui';

export interface ApiQuery<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a view. `key` names what is loaded (the query reruns when it changes); answers for an
 * older key are ignored. Views are remounted when another register opens, so nothing crosses registers.
 */
export function useApiQuery<T>(key: string, load: (api: Api) => Promise<T>): ApiQuery<T> {
  const api = useApi();
  const runLoad = useEffectEvent((signal: AbortSignal) => load(withSignal(api, signal)));
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key: '', data: null, error: null });
  // An undo elsewhere changes what every view shows: it reloads.
  const dataVersion = useApp((s) => s.dataVersion);
  const fullKey = `${key}#${reloads}#${dataVersion}`;

  useEffect(() => {
    let current = true;
    // A newer key, a reload or leaving the view gives the call up: a long one (scoring, the board) stops.
    const wanted = new AbortController();
    runLoad(wanted.signal)
      .then((data) => current && setState({ key: fullKey, data, error: null }))
      .catch((error: unknown) => current && setState((s) => ({ key: fullKey, data: s.data, error: messageOf(error) })));
    return () => {
      current = false;
      wanted.abort();
    };
  }, [api, fullKey]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== fullKey, reload };
}
