// The one place where input is validated against the contract and exceptions become error data.
import type { z } from 'zod';
import { ApiError, contract, isMethodName, type ApiErrorData, type Envelope, type MethodName } from './contract';
import type { Handlers } from './handlers';
import { RegisterFileError } from './connection';

function validationError(issues: readonly z.core.$ZodIssue[]): ApiErrorData {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    fields[key] ??= issue.message;
  }
  const entries = Object.entries(fields);
  const first = entries[0];
  const describe = ([key, message]: [string, string]) => (key ? `${key}: ${message}` : message);
  const message =
    entries.length === 1 ? describe(first!) : `${entries.length} fields need attention. ${first ? describe(first) : ''}`.trim();
  return { code: 'VALIDATION', message, details: { fields } };
}

function sqliteCode(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_') ? error.code : null;
}

/**
 * An exception as error data: ApiErrors as they are, a full disk or a refused file with their own message, SQLite's
 * constraint and lock errors as conflicts; anything else is INTERNAL (a bug, logged).
 */
export function errorData(error: unknown, during: string): ApiErrorData {
  if (error instanceof ApiError) return error.toData();
  if (error instanceof RegisterFileError) return { code: 'CONFLICT', message: error.message, details: { problem: error.problem } };
  const code = sqliteCode(error) ?? (error instanceof Error && 'code' in error ? String(error.code) : null);
  if (code?.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: `The register refused this change (${(error as Error).message}).` };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'CONFLICT', message: 'The register is busy with another change. Try again in a moment.' };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG') {
    return { code: 'CONFLICT', message: 'The disk is full (or the file would exceed the size allowed), so nothing was changed. Free some space, then try again.' };
  }
  console.error(`[dispatch] ${during} failed`, error);
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong while running ${during}: ${detail}` };
}

export function dispatch(handlers: Handlers, method: string, args: unknown): Envelope<unknown> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `There is no method named “${method}”.` } };
  }
  const parsed = contract[method].input.safeParse(args === undefined ? {} : args);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, value: handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: errorData(error, method as MethodName) };
  }
}
