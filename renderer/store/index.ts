// The app store, built from slices. Register-scoped state is reset whenever another register is opened,
// and answers to requests made for the previous register are dropped (see forCurrentRegister).
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../db/contract';
import { createApi, type Transport } from '../api';
import { createRegisterSlice, type RegisterSlice } from './register';
import { createUiSlice, VIEWS, type UiSlice, type ViewId } from './ui';
import { createVendorsSlice, type VendorsSlice } from './vendors';

export type AppState = RegisterSlice & VendorsSlice & UiSlice;
export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];
export type SliceCreator<S> = (set: SetState, get: GetState, api: Api) => S;

export interface AppStore {
  store: StoreApi<AppState>;
  /** Calls for whichever register is open when each call is made (the store's own actions). */
  api: Api;
  /** Calls bound to the register open now: they keep its id after another register opens, and their answers are dropped. */
  registerApi(epoch: number): Api;
  /** Stops listening for register changes. */
  dispose(): void;
}

export function createAppStore(transport: Transport): AppStore {
  const holder: { store?: StoreApi<AppState> } = {};
  const epochNow = () => holder.store?.getState().epoch ?? 0;
  const api = createApi(transport, () => ({ registerId: holder.store?.getState().register?.id ?? null, epoch: epochNow() }), epochNow);
  let bound: { epoch: number; api: Api } | null = null;
  const registerApi = (epoch: number) => {
    if (bound?.epoch !== epoch) {
      const registerId = epoch === epochNow() ? (holder.store?.getState().register?.id ?? null) : null;
      bound = { epoch, api: createApi(transport, () => ({ registerId, epoch }), epochNow, 'drop') };
    }
    return bound.api;
  };
  const store = createStore<AppState>()((set, get) => ({
    ...createUiSlice(set, get, api),
    ...createRegisterSlice(set, get, api),
    ...createVendorsSlice(set, get, api),
  }));
  holder.store = store;
  const unsubscribe = transport.onRegisterChanged((info) => store.getState().registerOpened(info));
  const stopViews = transport.onShowView?.((view) => {
    if ((VIEWS as readonly string[]).includes(view)) store.getState().setView(view as ViewId);
  });
  return {
    store,
    api,
    registerApi,
    dispose: () => {
      unsubscribe();
      stopViews?.();
    },
  };
}

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ value, children }: { value: AppStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value }, children);
}

function useAppStore(): AppStore {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useApp must be used inside <StoreProvider>.');
  return value;
}

/** Selects one piece of state; components re-render only when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore().store, selector);
}

/** The API for views: bound to the register open when the view rendered, so late answers never reach another register. */
export function useApi(): Api {
  const app = useAppStore();
  const epoch = useStore(app.store, (s) => s.epoch);
  return useMemo(() => app.registerApi(epoch), [app, epoch]);
}
