import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Envelope } from '../../db/contract';
import { apiChannel, CANCEL_CALL_CHANNEL } from '../../electron/channels';
import { bindApi, FORBIDDEN } from '../../electron/ipc';
import type { RegisterHost } from '../../electron/register-host';

const APP_FRAME = { url: 'app://vrr/index.html', parent: null };

function bind() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Envelope<unknown>>>();
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const calls: unknown[][] = [];
  const signals: AbortSignal[] = [];
  /** Answers when the test says, or as cancelled when its signal aborts (as the register process does). */
  const answers: (() => void)[] = [];
  const host: RegisterHost = {
    call: async (method, args, registerId, signal) => {
      calls.push([method, args, registerId]);
      signals.push(signal!);
      if (method !== 'scoring.portfolio') return { ok: true, value: 'answered' };
      return new Promise((resolve) => {
        answers.push(() => resolve({ ok: true, value: 'scored' }));
        signal!.addEventListener('abort', () => resolve({ ok: false, error: { code: 'CONFLICT', message: 'Cancelled', details: { cancelled: true } } }));
      });
    },
    open: async () => {
      throw new Error('not used');
    },
    saveCopy: async () => undefined,
    close: async () => undefined,
  };
  bindApi({ handle: (channel: string, listener: never) => handlers.set(channel, listener), on: (channel: string, listener: never) => listeners.set(channel, listener) } as never, host);
  return { handlers, listeners, calls, signals, answers };
}

describe('IPC binding', () => {
  it('binds one channel per contract method', () => {
    const { handlers } = bind();
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(apiChannel).sort());
  });

  it('forwards calls from the app page with the register id', async () => {
    const { handlers, calls } = bind();
    const answer = await handlers.get('api:vendors.list')!({ senderFrame: APP_FRAME }, { search: 'x' }, 'register-1');
    expect(answer).toEqual({ ok: true, value: 'answered' });
    expect(calls).toEqual([['vendors.list', { search: 'x' }, 'register-1']]);
  });

  it('refuses calls from any other frame without reaching the register', async () => {
    const { handlers, calls } = bind();
    const strangers = [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://vrr/index.html', parent: APP_FRAME },
      { url: 'file:///tmp/x.html', parent: null },
      null,
    ];
    for (const senderFrame of strangers) {
      for (const method of METHOD_NAMES) {
        expect(await handlers.get(apiChannel(method))!({ senderFrame }, {}, null)).toEqual(FORBIDDEN);
      }
    }
    expect(calls).toEqual([]);
  });

  it('gives up a call when its page asks, by the call’s number, and only for that page and call', async () => {
    const { handlers, listeners, signals, answers } = bind();
    const page = { senderFrame: APP_FRAME, sender: { id: 1 } };
    const scoring = handlers.get('api:scoring.portfolio')!(page, {}, 'register-1', 7);
    const other = handlers.get('api:scoring.portfolio')!({ ...page, sender: { id: 2 } }, {}, 'register-1', 7);
    // Another frame, another page or another call number gives nothing up.
    listeners.get(CANCEL_CALL_CHANNEL)!({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } }, 7);
    listeners.get(CANCEL_CALL_CHANNEL)!(page, 8);
    expect(signals.map((s) => s.aborted)).toEqual([false, false]);
    listeners.get(CANCEL_CALL_CHANNEL)!(page, 7);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(await scoring).toMatchObject({ ok: false, error: { details: { cancelled: true } } });
    answers[1]!();
    expect(await other).toEqual({ ok: true, value: 'scored' });
  });
});
