import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../db/contract';
import { serviceWithRegister } from './helpers';

// Payloads that no method accepts: wrong types, unknown keys, prototype tricks, oversized values.
const MALFORMED: unknown[] = [
  null,
  42,
  'vendors',
  [],
  { unexpected: true },
  { id: 'one' },
  { id: -1 },
  { id: 1.5 },
  { vendor: null },
  { vendor: { name: 7 } },
  { __proto__: { polluted: true }, extra: 1 },
  { limit: 1e9 },
  { search: 'x'.repeat(10_000) },
];

describe('dispatch', () => {
  it.each(METHOD_NAMES)('%s answers every malformed payload with a VALIDATION error', (method) => {
    const { service } = serviceWithRegister();
    for (const payload of MALFORMED) {
      const result = service.call(method, payload);
      // A payload that happens to be valid for a method with all-optional arguments is fine; a crash is not.
      if (result.ok) {
        expect(['null', '{}']).not.toContain(JSON.stringify(payload));
        continue;
      }
      expect(result.error.code, `${method} ${JSON.stringify(payload)}`).toBe('VALIDATION');
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it('names an unknown method', () => {
    const { service } = serviceWithRegister();
    expect(service.call('vendors.drop', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/vendors\.drop/) } });
  });

  it('refuses a request meant for another register', () => {
    const { service } = serviceWithRegister();
    expect(service.call('vendors.list', {}, 'another-register')).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { staleRegister: true } } });
    const current = service.current()!;
    expect(service.call('vendors.list', {}, current.id)).toMatchObject({ ok: true });
  });

  it('keeps the open register when opening another file fails', () => {
    const { service, dir } = serviceWithRegister();
    const before = service.current()!;
    expect(() => service.open(`${dir}/missing.vrr`)).toThrow(/could not be found/);
    expect(service.current()?.id).toBe(before.id);
  });
});
