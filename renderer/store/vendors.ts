import type { MethodInput, VendorFilter, VendorRow } from '../../db/contract';
import type { SliceCreator } from './index';
import { forCurrentRegister, STALE } from './request';

export type VendorQuery = VendorFilter & Required<Pick<MethodInput<'vendors.list'>, 'sortBy' | 'sortDir'>>;

export const NO_FILTER: VendorFilter = { search: '', statuses: [], serviceTypes: [], tiers: [], countries: [], storageCountries: [], hasIncidents: null, review: null };

/** The register table loads rows in pages of this size, as they scroll into view. */
export const VENDOR_PAGE_SIZE = 200;

export interface VendorsSlice {
  vendorQuery: VendorQuery;
  /** Rows matching the query, or null before the first answer. */
  vendorTotal: number | null;
  /** Loaded pages of the current query, by page index. */
  vendorPages: Record<number, VendorRow[]>;
  /** Increases with every change of query; pages of an older query are dropped. */
  vendorQueryVersion: number;
  /** The vendor shown on the vendor page: an id, or 'new' for the add form. */
  selectedVendor: number | 'new' | null;
  /** Vendors ticked in the register table, for a bulk edit. */
  vendorSelection: number[];
  setVendorSelection(ids: number[]): void;
  setVendorQuery(patch: Partial<VendorQuery>): void;
  /** Reloads the table from the first page (after an edit). */
  reloadVendors(): void;
  loadVendorPage(page: number): Promise<void>;
  openVendor(selection: number | 'new', focusField?: string): void;
  /** The field of the vendor's form to put the cursor in once it shows (a regulatory finding's field), then null. */
  vendorFocusField: string | null;
  clearVendorFocusField(): void;
}

export const vendorsRegisterScope = {
  vendorQuery: { ...NO_FILTER, sortBy: 'name', sortDir: 'asc' } as VendorQuery,
  vendorTotal: null as number | null,
  vendorPages: {} as Record<number, VendorRow[]>,
  selectedVendor: null as number | 'new' | null,
  vendorSelection: [] as number[],
  vendorFocusField: null as string | null,
};

const inFlight = new Set<string>();

export const createVendorsSlice: SliceCreator<VendorsSlice> = (set, get, api) => ({
  ...vendorsRegisterScope,
  vendorQueryVersion: 0,
  setVendorQuery(patch) {
    set((state) => ({ vendorQuery: { ...state.vendorQuery, ...patch } }));
    get().reloadVendors();
  },
  reloadVendors() {
    // The old rows stay on screen until the new first page arrives, so typing does not flash an empty table.
    set((state) => ({ vendorQueryVersion: state.vendorQueryVersion + 1 }));
    void get().loadVendorPage(0);
  },
  async loadVendorPage(page) {
    const version = get().vendorQueryVersion;
    const key = `${get().epoch}:${version}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const query = get().vendorQuery;
      const result = await forCurrentRegister(get, () => api.vendors.list({ ...query, offset: page * VENDOR_PAGE_SIZE, limit: VENDOR_PAGE_SIZE }));
      if (result === STALE || get().vendorQueryVersion !== version) return;
      set((state) => ({
        vendorTotal: result.total,
        vendorPages: page === 0 ? { 0: result.rows } : { ...state.vendorPages, [page]: result.rows },
      }));
    } catch (error) {
      get().notify(error);
    } finally {
      inFlight.delete(key);
    }
  },
  setVendorSelection: (vendorSelection) => set({ vendorSelection }),
  openVendor: (selectedVendor, focusField) => set({ selectedVendor, view: 'vendor', vendorFocusField: focusField ?? null }),
  clearVendorFocusField: () => set({ vendorFocusField: null }),
});
