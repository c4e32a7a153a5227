import type { MethodInput, VendorPage } from '../../db/contract';
import type { SliceCreator } from './index';
import { forCurrentRegister, STALE } from './request';

export type VendorQuery = Required<Pick<MethodInput<'vendors.list'>, 'search' | 'statuses' | 'serviceTypes' | 'sortBy' | 'sortDir'>>;

/** How many rows the register table asks for at once. */
export const VENDOR_PAGE_SIZE = 500;

export interface VendorsSlice {
  vendorQuery: VendorQuery;
  vendorPage: VendorPage | null;
  vendorsLoading: boolean;
  /** The vendor open in the editor: an id, 'new' for the add form, or null. */
  selectedVendor: number | 'new' | null;
  setVendorQuery(patch: Partial<VendorQuery>): void;
  loadVendors(): Promise<void>;
  selectVendor(selection: number | 'new' | null): void;
}

export const vendorsRegisterScope = {
  vendorQuery: { search: '', statuses: [], serviceTypes: [], sortBy: 'name', sortDir: 'asc' } as VendorQuery,
  vendorPage: null as VendorPage | null,
  vendorsLoading: false,
  selectedVendor: null as number | 'new' | null,
};

let latestListRequest = 0;

export const createVendorsSlice: SliceCreator<VendorsSlice> = (set, get, api) => ({
  ...vendorsRegisterScope,
  setVendorQuery(patch) {
    set((state) => ({ vendorQuery: { ...state.vendorQuery, ...patch } }));
    void get().loadVendors();
  },
  async loadVendors() {
    const request = ++latestListRequest;
    set({ vendorsLoading: true });
    try {
      const page = await forCurrentRegister(get, () => api.vendors.list({ ...get().vendorQuery, limit: VENDOR_PAGE_SIZE }));
      // Typing fast sends several searches; only the latest one's answer is shown.
      if (page === STALE || request !== latestListRequest) return;
      set({ vendorPage: page, vendorsLoading: false });
    } catch (error) {
      if (request === latestListRequest) set({ vendorsLoading: false });
      get().notify(error);
    }
  },
  selectVendor: (selectedVendor) => set({ selectedVendor }),
});
