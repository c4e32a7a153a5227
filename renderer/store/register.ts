import type { RegisterInfo } from '../../db/contract';
import type { SliceCreator } from './index';
import { forCurrentRegister, STALE } from './request';
import { uiRegisterScope } from './ui';
import { vendorsRegisterScope } from './vendors';

export interface RegisterSlice {
  register: RegisterInfo | null;
  /** Increases each time a register is opened; requests made under an older epoch are dropped. */
  epoch: number;
  loadRegister(): Promise<void>;
  registerOpened(info: RegisterInfo): void;
  refreshRegisterInfo(): Promise<void>;
}

export const createRegisterSlice: SliceCreator<RegisterSlice> = (set, get, api) => ({
  register: null,
  epoch: 0,
  async loadRegister() {
    try {
      get().registerOpened(await api.register.info({}));
    } catch (error) {
      get().notify(error);
    }
  },
  registerOpened(info) {
    set((state) => ({
      register: info,
      epoch: state.epoch + 1,
      view: state.view === 'vendor' ? 'register' : state.view === 'memo' ? 'procurement' : state.view,
      ...vendorsRegisterScope,
      ...uiRegisterScope,
    }));
    get().reloadVendors();
  },
  async refreshRegisterInfo() {
    const info = await forCurrentRegister(get, () => api.register.info({})).catch(() => STALE);
    // Facts about another register than the one shown are never taken for it.
    if (typeof info === 'object' && info.id === get().register?.id) set({ register: info });
  },
});
