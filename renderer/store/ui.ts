import { ApiError } from '../../db/contract';
import type { SliceCreator } from './index';

export const VIEWS = ['register', 'vendor', 'services', 'incidents', 'due', 'concentration', 'procurement', 'memo', 'board', 'import', 'settings', 'help'] as const;
export type ViewId = (typeof VIEWS)[number];

export interface Notice {
  id: number;
  tone: 'error' | 'success';
  message: string;
}

export interface UiSlice {
  view: ViewId;
  notices: Notice[];
  /** True while a form holds edits that are not saved yet; navigation asks before discarding them. */
  unsavedChanges: boolean;
  /** The vendor whose review memo is shown (view 'memo'). */
  memoVendor: number | null;
  setView(view: ViewId): void;
  openMemo(vendorId: number): void;
  notify(problem: unknown, tone?: Notice['tone']): void;
  dismissNotice(id: number): void;
  setUnsavedChanges(dirty: boolean): void;
}

export const uiRegisterScope = { notices: [] as Notice[], unsavedChanges: false, memoVendor: null as number | null };

let nextNoticeId = 1;

export function messageOf(problem: unknown): string {
  if (problem instanceof ApiError || problem instanceof Error) return problem.message;
  return String(problem);
}

/**
 * The field messages of a VALIDATION error, keyed by field name without the argument's prefix
 * ("vendor.name" → "name"); null for any other error.
 */
export function fieldErrorsOf(problem: unknown, prefix: string): Record<string, string> | null {
  const fields = problem instanceof ApiError ? problem.details?.fields : undefined;
  if (!fields || Object.keys(fields).length === 0) return null;
  return Object.fromEntries(Object.entries(fields).map(([key, message]) => [key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key, message]));
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'register',
  ...uiRegisterScope,
  setView: (view) => set({ view }),
  openMemo: (memoVendor) => set({ memoVendor, view: 'memo' }),
  notify: (problem, tone = 'error') => {
    // An answer for a register that is no longer open is dropped, not shown in another register's window.
    if (problem instanceof ApiError && problem.details?.staleRegister) return;
    set((state) => ({ notices: [...state.notices.slice(-3), { id: nextNoticeId++, tone, message: messageOf(problem) }] }));
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  setUnsavedChanges: (unsavedChanges) => set({ unsavedChanges }),
});
