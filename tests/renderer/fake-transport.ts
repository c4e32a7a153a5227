// An in-memory transport for renderer tests: answers from handlers the test provides, and lets a test hold an
// answer back to deliver it late (after another register was opened).
import type { Envelope, MethodName, RegisterInfo } from '../../db/contract';
import type { Transport } from '../../renderer/api';

type Responder = (args: any, registerId: string | null) => unknown;

export function registerInfo(id: string, name: string, vendorCount = 0): RegisterInfo {
  return { id, name, path: `/registers/${name}.vrr`, schemaVersion: 10, createdAt: '2026-01-01T00:00:00.000Z', sizeBytes: 4096, vendorCount, sample: false, notices: [], dateOrder: null };
}

export function createFakeTransport(responders: Partial<Record<MethodName, Responder>>) {
  const listeners = new Set<(info: RegisterInfo) => void>();
  const held: { method: MethodName; release(): void }[] = [];
  let holdNext: MethodName | null = null;
  const calls: { method: MethodName; args: unknown; registerId: string | null; signal?: AbortSignal }[] = [];

  const transport: Transport = {
    call(method, args, registerId, signal) {
      calls.push({ method, args, registerId, ...(signal ? { signal } : {}) });
      const respond = (): Envelope<unknown> => {
        const responder = responders[method];
        if (!responder) return { ok: false, error: { code: 'NOT_FOUND', message: `No fake for ${method}` } };
        try {
          return { ok: true, value: responder(args, registerId) };
        } catch (error) {
          return { ok: false, error: { code: 'INTERNAL', message: (error as Error).message } };
        }
      };
      if (holdNext === method) {
        holdNext = null;
        const answer = respond();
        return new Promise((resolve) => held.push({ method, release: () => resolve(answer) }));
      }
      return Promise.resolve(respond());
    },
    onRegisterChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    transport,
    calls,
    /** The next call of `method` is answered only when the test releases it. */
    holdNext: (method: MethodName) => (holdNext = method),
    releaseHeld: () => held.splice(0).forEach((h) => h.release()),
    openRegister: (info: RegisterInfo) => listeners.forEach((l) => l(info)),
  };
}
