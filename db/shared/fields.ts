// Field schemas the contract's domains share (contract.ts and contract-scenarios.ts): zod only.
import { z } from 'zod';

/** An optional text: trimmed, at most `max` characters, empty read as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));
