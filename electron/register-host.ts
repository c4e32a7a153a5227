// The main process's handle on the utility process that owns the register.
import { utilityProcess, type UtilityProcess } from 'electron';
import type { Envelope, RegisterInfo } from '../db/contract';
import type { HostFailure, HostRequest, HostResponse } from '../db/host';

/** A failure reported by the register host, with the file problem when opening failed. */
export class HostError extends Error {
  readonly problem?: string;
  constructor(failure: HostFailure) {
    super(failure.message);
    this.name = 'HostError';
    this.problem = failure.problem;
  }
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void; onProgress?: (fraction: number) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface RegisterHost {
  /** `signal` gives the call up: a long one stops and answers as cancelled. */
  call(method: string, args: unknown, registerId: string | null, signal?: AbortSignal): Promise<Envelope<unknown>>;
  open(filePath: string, create: boolean, sample?: boolean): Promise<RegisterInfo>;
  saveCopy(target: string, onProgress?: (fraction: number) => void): Promise<void>;
  /**
   * Asks the register process to close the register (it finishes a copy being saved, stops running jobs and
   * checkpoints the log into the file), then ends the process. Killing it instead would leave the last edits in the
   * `-wal` side file and half-written copies behind.
   */
  close(): Promise<void>;
}

/** How long a register process may take to close before it is ended anyway (a disk that stopped answering). */
const CLOSE_WAIT_MS = 60_000;

export function startRegisterHost(entry: string, env: Record<string, string>): RegisterHost {
  const child: UtilityProcess = utilityProcess.fork(entry, [], { serviceName: 'Vendor Risk Register data', env: { ...process.env, ...env } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  child.on('message', (message: HostResponse) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    if ('progress' in message) return waiting.onProgress?.(message.progress);
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new HostError(message.error));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const waiting of pending.values()) waiting.reject(new Error(`The register process stopped unexpectedly (exit code ${code}).`));
    pending.clear();
  });

  const send = <T>(body: DistributiveOmit<HostRequest, 'id'>, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<T> => {
    if (exited) return Promise.reject(new Error('The register process has stopped. Restart Vendor Risk Register.'));
    const id = nextId++;
    signal?.addEventListener('abort', () => pending.has(id) && !exited && child.postMessage({ type: 'cancel', id: nextId++, callId: id }), { once: true });
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      child.postMessage({ ...body, id });
    });
  };

  return {
    call: (method, args, registerId, signal) => send({ type: 'call', method, args, registerId }, undefined, signal),
    open: (filePath, create, sample) => send({ type: 'open', path: filePath, create, sample }),
    saveCopy: (target, onProgress) => send({ type: 'saveCopy', target }, onProgress),
    async close() {
      if (exited) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
      try {
        await Promise.race([send({ type: 'close' }), exit, givenUp]);
      } finally {
        clearTimeout(timer);
        if (!exited) child.kill();
        await exit;
      }
    },
  };
}
