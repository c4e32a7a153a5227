import { ApiError } from '../../db/shared/vocabulary';
import type { UndoToken } from '../../db/contract';
import type { SliceCreator } from './index';

export const VIEWS = ['register', 'vendor', 'services', 'incidents', 'due', 'concentration', 'scenarios', 'procurement', 'memo', 'board', 'history', 'regulatory', 'import', 'settings', 'help'] as const;
export type ViewId = (typeof VIEWS)[number];

export interface Notice {
  id: number;
  tone: 'error' | 'success';
  message: string;
  /** The change the notice reports can be undone with this token (while it is the latest change). */
  undo?: UndoToken;
}

/** A question the app asks in its own dialog (never the browser's). */
export interface Confirmation {
  id: number;
  title: string;
  message: string;
  /** The label of the button that goes ahead ("Delete", "Restore", "Leave without saving"). */
  confirmLabel: string;
  /** The action destroys or replaces something: Cancel takes the focus first. */
  danger: boolean;
}

export interface UiSlice {
  view: ViewId;
  notices: Notice[];
  confirmation: Confirmation | null;
  /** Asks in the app's dialog; resolves true when the user goes ahead. */
  confirm(question: Omit<Confirmation, 'id' | 'danger'> & { danger?: boolean }): Promise<boolean>;
  answerConfirmation(goAhead: boolean): void;
  /** True while a form holds edits that are not saved yet; navigation asks before discarding them. */
  unsavedChanges: boolean;
  /** The vendor whose review memo is shown (view 'memo'). */
  memoVendor: number | null;
  setView(view: ViewId): void;
  openMemo(vendorId: number): void;
  notify(problem: unknown, tone?: Notice['tone']): void;
  /** Reports a change that can be undone ("Deleted “Acme”.") with an Undo button; nothing when it cannot be. */
  offerUndo(message: string, undo: UndoToken | null): void;
  /** Undoes a change, then every view reloads what it shows. */
  undoChange(noticeId: number, undo: UndoToken): Promise<void>;
  /** Increases after a change made outside the view showing the data (an undo): views reload. */
  dataVersion: number;
  /** Says the register changed outside the views showing it (an RoI import): every view, the vendors and the title reload. */
  dataChanged(): void;
  dismissNotice(id: number): void;
  setUnsavedChanges(dirty: boolean): void;
}

export const uiRegisterScope = { notices: [] as Notice[], unsavedChanges: false, memoVendor: null as number | null, confirmation: null as Confirmation | null };

let nextNoticeId = 1;
let nextConfirmationId = 1;
/** The pending question's answer, outside the state (a function is not state). */
let answer: ((goAhead: boolean) => void) | null = null;

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

export const createUiSlice: SliceCreator<UiSlice> = (set, get, api) => ({
  view: 'register',
  dataVersion: 0,
  ...uiRegisterScope,
  confirmation: null,
  confirm: (question) =>
    new Promise<boolean>((resolve) => {
      answer?.(false); // a question still open is answered "no" by the next one
      answer = resolve;
      set({ confirmation: { id: nextConfirmationId++, danger: false, ...question } });
    }),
  answerConfirmation: (goAhead) => {
    const resolve = answer;
    answer = null;
    set({ confirmation: null });
    resolve?.(goAhead);
  },
  setView: (view) => set({ view }),
  openMemo: (memoVendor) => set({ memoVendor, view: 'memo' }),
  notify: (problem, tone = 'error') => {
    // An answer for a register that is no longer open is dropped, not shown in another register's window.
    if (problem instanceof ApiError && problem.details?.staleRegister) return;
    set((state) => ({ notices: [...state.notices.slice(-3), { id: nextNoticeId++, tone, message: messageOf(problem) }] }));
  },
  offerUndo: (message, undo) =>
    set((state) => ({ notices: [...state.notices.filter((n) => !n.undo).slice(-3), { id: nextNoticeId++, tone: 'success', message, ...(undo ? { undo } : {}) }] })),
  async undoChange(noticeId, undo) {
    get().dismissNotice(noticeId);
    try {
      const { undone } = await api.changes.undo(undo);
      set((state) => ({ dataVersion: state.dataVersion + 1 }));
      get().reloadVendors();
      void get().refreshRegisterInfo();
      get().notify(`Undone (${undone} ${undone === 1 ? 'change' : 'changes'} put back).`, 'success');
    } catch (error) {
      get().notify(error);
    }
  },
  dataChanged() {
    set((state) => ({ dataVersion: state.dataVersion + 1 }));
    get().reloadVendors();
    void get().refreshRegisterInfo();
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  setUnsavedChanges: (unsavedChanges) => set({ unsavedChanges }),
});
