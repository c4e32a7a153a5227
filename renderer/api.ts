// The renderer's client: `api.vendors.list(args)`, typed by the contract, over whichever transport the page has.
import { ApiError, CANCELLED } from '../db/shared/vocabulary';
import type { Api, Bridge, CallOptions, Envelope, MethodName, RegisterInfo } from '../db/contract';

export interface Transport {
  /** `signal` gives the call up: a long one (scoring, the board) stops in the service, its answer never arrives. */
  call(method: MethodName, args: unknown, registerId: string | null, signal?: AbortSignal): Promise<Envelope<unknown>>;
  /** Called when another register is opened (File menu, or the harness); returns an unsubscribe function. */
  onRegisterChanged(listener: (info: RegisterInfo) => void): () => void;
  /** Screens asked for by the app menu (Electron only). */
  onShowView?(listener: (view: string) => void): () => void;
}

/** The register a call is made for: its id, and the store's epoch when it was open. */
export interface RegisterScope {
  registerId: string | null;
  epoch: number;
}

/** What a call made for a register that is no longer open gets instead of its answer; nothing shows it. */
export function staleAnswer(): ApiError {
  return new ApiError('CONFLICT', 'That answer was for a register that is no longer open.', { staleRegister: true });
}

/**
 * Every call carries the id of the register it was made for (the service refuses it if that register is gone), and
 * an answer that arrives after another register was opened never reaches the caller. `onStale: 'reject'` rejects the
 * call with staleAnswer() (for the store, whose actions check for it); `'drop'` leaves it unsettled, so code that awaits
 * it (a view's notice, download or job poll, all from a view already unmounted) simply never runs.
 */
export function createApi(transport: Transport, scopeOf: () => RegisterScope, currentEpoch: () => number, onStale: 'reject' | 'drop' = 'reject'): Api {
  const stale = (): Promise<never> => (onStale === 'reject' ? Promise.reject(staleAnswer()) : new Promise<never>(() => undefined));
  return methodsOn((method) => async (args: unknown, options?: CallOptions) => {
    const scope = scopeOf();
    if (scope.epoch !== currentEpoch()) return stale();
    const envelope = await transport.call(method, args ?? {}, scope.registerId, options?.signal);
    if (scope.epoch !== currentEpoch()) return stale();
    if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
    return envelope.value;
  }) as unknown as Api;
}

/**
 * `api.domain.verb` for any method name, made on first use. A proxy rather than a walk over the contract's method
 * list, so the renderer never loads the contract's schemas (the first paint is lighter); the service refuses a name
 * it does not know. `then` is not a method, so the object is never mistaken for a promise.
 */
function methodsOn<T>(make: (method: MethodName) => T): unknown {
  const domains = new Map<string, Record<string, T>>();
  const named = <V>(get: (name: string) => V) => new Proxy({}, { get: (_, name) => (typeof name === 'string' && name !== 'then' ? get(name) : undefined) });
  return named((domain) => {
    let verbs = domains.get(domain);
    if (!verbs) {
      const made = new Map<string, T>();
      verbs = named((verb) => made.get(verb) ?? made.set(verb, make(`${domain}.${verb}` as MethodName)).get(verb)!) as Record<string, T>;
      domains.set(domain, verbs);
    }
    return verbs;
  });
}

/** The same calls, each given up when `signal` aborts (a view's query whose answer is no longer wanted). */
export function withSignal(api: Api, signal: AbortSignal): Api {
  const calls = api as unknown as Record<string, Record<string, (args: unknown, options: CallOptions) => Promise<unknown>>>;
  return methodsOn((method) => {
    const [domain, verb] = method.split('.') as [string, string];
    return (args: unknown) => calls[domain]![verb]!(args, { signal });
  }) as Api;
}

/** Electron: the preload's contextBridge functions; each call is numbered, so it can be given up. */
export function bridgeTransport(bridge: Bridge): Transport {
  let calls = 0;
  return {
    call: (method, args, registerId, signal) => {
      const [domain, verb] = method.split('.') as [string, string];
      const callId = ++calls;
      signal?.addEventListener('abort', () => bridge.cancel(callId), { once: true });
      return bridge.api[domain]![verb]!(args, registerId, callId);
    },
    onRegisterChanged: (listener) => bridge.onRegisterChanged(listener),
    onShowView: (listener) => bridge.onShowView(listener),
  };
}

/** Browser preview and e2e tests: POST /api/<method> on the harness that served the page. */
export function httpTransport(base = ''): Transport {
  return {
    async call(method, args, registerId, signal) {
      let response: Response;
      try {
        // The preview cancels a long call whose request is aborted.
        response = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(registerId ? { 'X-Register-Id': registerId } : {}) },
          body: JSON.stringify(args),
          signal,
        });
      } catch {
        if (signal?.aborted) return CANCELLED;
        return { ok: false, error: { code: 'INTERNAL', message: 'The register service is not reachable. Is the preview still running?' } };
      }
      return (await response.json()) as Envelope<unknown>;
    },
    onRegisterChanged(listener) {
      const events = new EventSource(`${base}/api/events`);
      events.addEventListener('register', (event) => listener(JSON.parse((event as MessageEvent<string>).data) as RegisterInfo));
      return () => events.close();
    },
  };
}
