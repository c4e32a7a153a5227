import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Envelope } from '../../db/contract';
import { apiChannel } from '../../electron/channels';
import { bindApi, FORBIDDEN } from '../../electron/ipc';
import type { RegisterHost } from '../../electron/register-host';

const APP_FRAME = { url: 'app://vrr/index.html', parent: null };

function bind() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Envelope<unknown>>>();
  const calls: unknown[][] = [];
  const host: RegisterHost = {
    call: async (...args) => {
      calls.push(args);
      return { ok: true, value: 'answered' };
    },
    open: async () => {
      throw new Error('not used');
    },
    saveCopy: async () => undefined,
    close: async () => undefined,
  };
  bindApi({ handle: (channel: string, listener: never) => handlers.set(channel, listener) } as never, host);
  return { handlers, calls };
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
});
