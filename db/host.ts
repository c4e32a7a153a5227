// The register service behind a message port: in the app it runs in an Electron utility process, so slow work
// (opening and checking a large file, saving a copy, heavy queries) never freezes the window.
import { RegisterFileError } from './connection';
import { createRegisterService, type ServiceOptions } from './service';

export type HostRequest =
  | { id: number; type: 'call'; method: string; args: unknown; registerId: string | null }
  /** The answer to call `callId` is no longer wanted: a long call stops (answering as cancelled); no reply of its own. */
  | { id: number; type: 'cancel'; callId: number }
  | { id: number; type: 'open'; path: string; create: boolean; sample?: boolean }
  | { id: number; type: 'saveCopy'; target: string }
  | { id: number; type: 'close' };

export type HostFailure = { message: string; problem?: string };

export type HostResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: HostFailure }
  | { id: number; progress: number };

/** The part of a message port the host needs (Electron's parentPort delivers `{ data }` events). */
export interface HostPort {
  on(event: 'message', listener: (event: { data: HostRequest }) => void): void;
  postMessage(message: HostResponse): void;
}

export function serveRegister(port: HostPort, options: ServiceOptions): void {
  const service = createRegisterService(options);
  /** Copies being saved: closing waits for them, so a quit never leaves a half-written copy behind. */
  const copying = new Set<Promise<unknown>>();
  /** Calls in progress, so the page can give one up. */
  const calls = new Map<number, AbortController>();
  const fail = (id: number, error: unknown) =>
    port.postMessage({
      id,
      ok: false,
      error: {
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof RegisterFileError ? { problem: error.problem } : {}),
      },
    });

  port.on('message', ({ data: request }) => {
    try {
      switch (request.type) {
        case 'call': {
          // Long calls are answered by analyst threads: the calls that follow are answered meanwhile.
          const wanted = new AbortController();
          calls.set(request.id, wanted);
          void service
            .request(request.method, request.args, request.registerId, wanted.signal)
            .then((value) => port.postMessage({ id: request.id, ok: true, value }))
            .finally(() => calls.delete(request.id));
          return;
        }
        case 'cancel':
          calls.get(request.callId)?.abort();
          return;
        case 'open':
          return port.postMessage({ id: request.id, ok: true, value: service.open(request.path, { create: request.create, sample: request.sample }) });
        case 'saveCopy': {
          const copy = service
            .saveCopy(request.target, (progress) => port.postMessage({ id: request.id, progress }))
            .then(() => port.postMessage({ id: request.id, ok: true, value: null }))
            .catch((error: unknown) => fail(request.id, error))
            .finally(() => copying.delete(copy));
          copying.add(copy);
          return;
        }
        case 'close':
          void Promise.allSettled(copying).then(() => {
            try {
              service.close();
              port.postMessage({ id: request.id, ok: true, value: null });
            } catch (error) {
              fail(request.id, error);
            }
          });
          return;
      }
    } catch (error) {
      fail(request.id, error);
    }
  });
}
