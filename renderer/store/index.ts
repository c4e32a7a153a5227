// The app store, built from slices. Register-scoped state is reset whenever another register is opened,
// and answers to requests made for the previous register are dropped (see forCurrentRegister).
import { createContext, createElement, useContext, type ReactNode } from 'react';
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
  api: Api;
  /** Stops listening for register changes. */
  dispose(): void;
}

export function createAppStore(transport: Transport): AppStore {
  const holder: { store?: StoreApi<AppState> } = {};
  const api = createApi(transport, () => holder.store?.getState().register?.id ?? null);
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

export function useApi(): Api {
  return useAppStore().api;
}
