import { ApiError } from '../../db/shared/vocabulary';
import type { GetState } from './index';

export const STALE = Symbol('stale');

/**
 * Runs a request for the register open now. If another register was opened before the answer came back
 * (or the service says the register is gone), the answer is dropped: the caller gets STALE and sets nothing.
 */
export async function forCurrentRegister<T>(get: GetState, request: () => Promise<T>): Promise<T | typeof STALE> {
  const epoch = get().epoch;
  try {
    const value = await request();
    return get().epoch === epoch ? value : STALE;
  } catch (error) {
    if (get().epoch !== epoch || (error instanceof ApiError && error.details?.staleRegister)) return STALE;
    throw error;
  }
}
