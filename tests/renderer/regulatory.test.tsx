import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Arrangement, Branch, Cps230Arrangement, CriticalOperation, LegalEntity, RegisterFunction, RoiFinding, RoiProvider } from '../../db/contract';
import { createAppStore, StoreProvider } from '../../renderer/store';
import { RegulatoryView } from '../../renderer/views/RegulatoryView';
import { createFakeTransport, registerInfo } from './fake-transport';

const LEI = 'VRRSAMPLESCPAYEU0033';
const entity: LegalEntity = {
  id: 1, lei: LEI, name: 'Payments Europe', country: 'IE', entityType: 'x300', hierarchy: 'x56', parentLei: null, competentAuthority: 'Central Bank of Ireland',
  currency: 'EUR', totalAssets: null, integratedOn: null, deletedOn: null, maintainsRegister: true, updatedOn: '2026-01-01',
};
const arrangement: Arrangement = {
  contractId: 5, reference: 'HCC-2021-07', vendorName: 'Harbourline', arrangementType: null, overarchingId: null, ictServiceType: null, governingLaw: null,
  providerNoticeDays: null, provisionCountry: null, processingCountry: null, usingEntities: [], terminationReason: null, substitutionReason: null, lastAuditOn: null,
  reintegration: null, serviceDiscontinuingImpact: null, alternativesIdentified: null, alternativeProviders: null, usingBranches: [], linkedIds: [], intraGroupEntityId: null,
};
const material: Cps230Arrangement = { contractId: 5, reference: 'HCC-2021-07', vendorName: 'Harbourline', materialBasis: null, apraNotifiedOn: null, offshoring: false, offshoringConsultedOn: null, ntspCategory: null, ntspStandardTerms: false };
const operation: CriticalOperation = { serviceId: 3, name: 'Card payments', criticality: 'critical', criticalOperation: true, maxOutageHours: 2, dataLossTolerance: null, minServiceLevel: null };
const finding: RoiFinding = { rule: '805', severity: 'blocking', template: 'B_05.01', column: '0010', record: 'Vendor [24]7.ai', field: 'LEI, or another identifier and its type, or ACN', message: 'Key column c0010 is empty.', target: { kind: 'vendor', id: 9 } };
const fn: RegisterFunction = { serviceId: 3, name: 'Card payments', criticality: 'critical', functionCode: 'F3', licensedActivity: null, rtoHours: null, rpoHours: null, discontinuingImpact: null, criticalityAssessedOn: null };
const provider: RoiProvider = { vendorId: 9, name: '[24]7.ai', lei: null, otherIdentifier: null, acn: null, otherIdentifierType: null, personType: 'legal' };
const contractFinding: RoiFinding = { rule: 'e23680', severity: 'warning', template: 'B_02.02', column: '0120', record: 'Contract HCC-2021-07', field: 'Governing law', message: 'c0120 is mandatory.', target: { kind: 'contract', id: 5 } };
const hqFinding: RoiFinding = { rule: 'e23674', severity: 'warning', template: 'B_05.01', column: '0080', record: 'Vendor [24]7.ai', field: 'Country of HQ', message: 'c0080 is mandatory.', target: { kind: 'vendor', id: 9 } };
const functionFinding: RoiFinding = { rule: 'e23682', severity: 'warning', template: 'B_06.01', column: '0080', record: 'Service Card payments', field: 'RTO (hours)', message: 'c0080 is mandatory.', target: { kind: 'service', id: 3 } };

function setup(overrides: Record<string, (args: any) => unknown> = {}) {
  const fake = createFakeTransport({
    'register.info': () => registerInfo('A', 'Register'),
    'legalEntities.list': () => [entity],
    'legalEntities.save': (args: { entity: Partial<LegalEntity> }) => ({ ...entity, ...args.entity, id: 2 }),
    'arrangements.list': () => [arrangement],
    'branches.list': () => [],
    'arrangements.save': (args: { arrangement: Partial<Arrangement> }) => ({ ...arrangement, ...args.arrangement }),
    'roi.lint': () => [finding, { ...finding, rule: 'e23682', severity: 'warning', template: 'B_06.01', column: '0080', record: 'Service Payments', field: 'RTO (hours)' }],
    'roi.export': () => ({ jobId: 'j1' }),
    'roi.import': () => ({ jobId: 'j1' }),
    'cps230.arrangements': () => [material],
    'cps230.saveArrangement': (args: { arrangement: Partial<Cps230Arrangement> }) => ({ ...material, ...args.arrangement }),
    'cps230.operations': () => [operation],
    'cps230.lint': () => [],
    'cps230.saveOperation': (args: { operation: Partial<CriticalOperation> }) => ({ ...operation, ...args.operation }),
    'functions.list': () => [fn],
    'functions.save': (args: { fn: Partial<RegisterFunction> }) => ({ ...fn, ...args.fn }),
    'providers.get': () => provider,
    'providers.save': () => ({ vendorId: 9 }),
    'jobs.status': () => ({ jobId: 'j1', state: 'failed', phase: '', done: 0, total: 0, result: null, error: { code: 'VALIDATION', message: 'The register cannot be exported yet: 1 finding would make the regulator reject it.', details: { findings: [finding] } } }),
    ...overrides,
  });
  const store = createAppStore(fake.transport);
  fake.openRegister(registerInfo('A', 'Register'));
  render(
    <StoreProvider value={store}>
      <RegulatoryView />
    </StoreProvider>,
  );
  return { ...fake, store };
}

describe('the regulatory registers view', () => {
  it('adds a legal entity with the form', async () => {
    const fake = setup();
    expect(await screen.findByText('Payments Europe')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add a legal entity' }));
    const form = screen.getByRole('form', { name: 'New legal entity' });
    await userEvent.type(within(form).getByLabelText(/^Name/), 'Group Holdings');
    await userEvent.type(within(form).getByLabelText(/^LEI \*?$/), 'VRRSAMPLESCARGROUP63');
    await userEvent.type(within(form).getByLabelText(/^Country/), 'AU');
    await userEvent.click(within(form).getByRole('button', { name: 'Save entity' }));
    const saved = fake.calls.find((c) => c.method === 'legalEntities.save')!.args as { entity: Record<string, unknown> };
    expect(saved.entity).toMatchObject({ name: 'Group Holdings', lei: 'VRRSAMPLESCARGROUP63', country: 'AU', entityType: 'x12', hierarchy: 'x53' });
  });

  it('saves a contract’s arrangement fields and the entities using it', async () => {
    const fake = setup();
    await userEvent.selectOptions(await screen.findByLabelText('Contract'), 'HCC-2021-07 · Harbourline');
    const form = screen.getByRole('form', { name: 'Register of Information fields of HCC-2021-07' });
    await userEvent.selectOptions(within(form).getByLabelText('ICT service type'), 'S19');
    await userEvent.click(within(form).getByLabelText('Payments Europe'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save contract fields' }));
    const saved = fake.calls.find((c) => c.method === 'arrangements.save')!.args;
    expect(saved).toMatchObject({ contractId: 5, arrangement: { ictServiceType: 'S19', usingEntities: [{ entityId: 1, signed: true }] } });
  });

  it('adds a branch under its head office, opens a branch finding at its field, and uses the branch and a link on a contract', async () => {
    const frankfurt: Branch = { id: 7, entityId: 1, code: 'FRA', name: 'Frankfurt branch', country: 'DE' };
    const other: Arrangement = { ...arrangement, contractId: 6, reference: 'STR-ENT-2020', vendorName: 'Stratus' };
    const branchFinding: RoiFinding = { rule: 'country', severity: 'warning', template: 'B_01.03', column: '0040', record: 'Branch Frankfurt branch', field: 'Country', message: 'Not a country.', target: { kind: 'branch', id: 7 } };
    const fake = setup({
      'branches.list': () => [frankfurt],
      'branches.save': (args: { branch: Partial<Branch> }) => ({ ...frankfurt, ...args.branch, id: 8 }),
      'arrangements.list': () => [{ ...arrangement, intraGroupEntityId: 1 }, other],
      'roi.lint': () => [branchFinding],
    });
    const branches = await screen.findByTestId('branches');
    expect(within(branches).getByText('Frankfurt branch')).toBeTruthy();
    expect(within(branches).getByText('Payments Europe')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add a branch' }));
    const form = screen.getByRole('form', { name: 'New branch' });
    await userEvent.type(within(form).getByLabelText(/^Identification code/), 'PAR');
    await userEvent.type(within(form).getByLabelText(/^Name/), 'Paris branch');
    await userEvent.type(within(form).getByLabelText(/^Country/), 'FR');
    await userEvent.click(within(form).getByRole('button', { name: 'Save branch' }));
    expect(fake.calls.find((c) => c.method === 'branches.save')!.args).toEqual({ branch: { entityId: 1, code: 'PAR', name: 'Paris branch', country: 'FR' } });

    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    await userEvent.click(within(await screen.findByTestId('roi-findings')).getByRole('button', { name: 'Branch Frankfurt branch' }));
    const edit = await screen.findByRole('form', { name: 'Edit branch' });
    expect(document.activeElement).toBe(within(edit).getByLabelText(/^Country/));

    await userEvent.selectOptions(screen.getByLabelText('Contract'), 'HCC-2021-07 · Harbourline');
    const contract = screen.getByRole('form', { name: 'Register of Information fields of HCC-2021-07' });
    expect(within(contract).getByText(/^Intra-group: Harbourline’s LEI is that of our entity Payments Europe/)).toBeTruthy();
    expect(within(contract).queryByLabelText(/Frankfurt branch/)).toBeNull();
    await userEvent.click(within(contract).getByLabelText('Payments Europe'));
    await userEvent.click(within(contract).getByLabelText(/Frankfurt branch/));
    await userEvent.selectOptions(within(contract).getByLabelText('Linked arrangements'), 'STR-ENT-2020 · Stratus');
    expect(within(contract).getByRole('button', { name: 'Unlink STR-ENT-2020' })).toBeTruthy();
    await userEvent.click(within(contract).getByRole('button', { name: 'Save contract fields' }));
    expect(fake.calls.find((c) => c.method === 'arrangements.save')!.args).toMatchObject({ contractId: 5, arrangement: { usingEntities: [{ entityId: 1, signed: true }], usingBranches: [7], linkedIds: [6] } });
    expect((fake.calls.find((c) => c.method === 'arrangements.save')!.args as { arrangement: object }).arrangement).not.toHaveProperty('intraGroupEntityId');
  });

  it('opens a finding on a contract’s branches or links at that group of its form', async () => {
    const frankfurt: Branch = { id: 7, entityId: 1, code: 'FRA', name: 'Frankfurt branch', country: 'DE' };
    const at = (field: string, template: string): RoiFinding => ({ rule: '807', severity: 'blocking', template, column: '0040', record: 'Contract HCC-2021-07', field, message: 'Not found.', target: { kind: 'contract', id: 5 } });
    setup({
      'branches.list': () => [frankfurt],
      'arrangements.list': () => [{ ...arrangement, usingEntities: [{ entityId: 1, signed: true }], usingBranches: [7] }],
      'roi.lint': () => [at('Branches using it', 'B_04.01'), at('Linked arrangements', 'B_02.03')],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Check' }));
    const [branches, links] = within(await screen.findByTestId('roi-findings')).getAllByRole('button', { name: 'Contract HCC-2021-07' });
    await userEvent.click(branches!);
    const form = await screen.findByRole('form', { name: 'Register of Information fields of HCC-2021-07' });
    expect(document.activeElement).toBe(within(form).getByLabelText(/Frankfurt branch/));
    await userEvent.click(links!);
    expect(document.activeElement).toBe(within(form).getByLabelText('Linked arrangements'));
  });

  it('lists the linter’s findings, and the blocking ones when the export is refused', async () => {
    setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Check' }));
    expect(await screen.findByText('1 blocking, 1 warnings.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Export package' }));
    expect(await screen.findByText('1 blocking, 0 warnings.')).toBeTruthy();
    const table = screen.getByTestId('roi-findings');
    expect(within(table).getByText('Vendor [24]7.ai')).toBeTruthy();
    expect(within(table).getByText('B_05.01.0010')).toBeTruthy();
  });

  it('saves a contract’s CPS 230 fields, saying when the NTSP exemption applies, and a critical operation’s tolerances', async () => {
    const fake = setup();
    await userEvent.selectOptions(await screen.findByTestId('cps230-contract'), 'HCC-2021-07 · Harbourline');
    const form = screen.getByRole('form', { name: 'CPS 230 fields of HCC-2021-07' });
    await userEvent.selectOptions(within(form).getByLabelText('Material arrangement'), 'critical_operation');
    await userEvent.click(within(form).getByLabelText('Offshoring arrangement'));
    await userEvent.selectOptions(within(form).getByLabelText('Non-traditional service provider'), 'payment_system');
    expect(within(form).getByText(/^Not exempt/)).toBeTruthy();
    await userEvent.click(within(form).getByLabelText('Standardised terms, or no formal agreement'));
    expect(within(form).getByText(/^Exempt from the contractual requirements/)).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: 'Save CPS 230 fields' }));
    expect(fake.calls.find((c) => c.method === 'cps230.saveArrangement')!.args).toMatchObject({
      contractId: 5, arrangement: { materialBasis: 'critical_operation', offshoring: true, ntspCategory: 'payment_system', ntspStandardTerms: true },
    });

    await userEvent.selectOptions(screen.getByTestId('cps230-service'), 'Card payments · critical operation');
    const op = screen.getByRole('form', { name: 'Critical operation Card payments' });
    await userEvent.type(within(op).getByLabelText('Extent of data loss'), 'None');
    await userEvent.click(within(op).getByRole('button', { name: 'Save critical operation' }));
    expect(fake.calls.find((c) => c.method === 'cps230.saveOperation')!.args).toMatchObject({ serviceId: 3, operation: { criticalOperation: true, maxOutageHours: 2, dataLossTolerance: 'None' } });
  });

  it('imports a package chosen as a file, and lists the findings of a refused one', async () => {
    const fake = setup();
    const input = await screen.findByTestId('roi-import-file');
    await userEvent.upload(input, new File(['PK'], 'other-tool.zip', { type: 'application/zip' }));
    const table = await screen.findByTestId('roi-import-findings');
    expect(within(table).getByText('Vendor [24]7.ai')).toBeTruthy();
    expect(screen.getByText('Not imported: 1 finding to fix in the package.')).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'roi.import')!.args).toMatchObject({ fileName: 'other-tool.zip', base64: btoa('PK') });
  });

  it('opens a finding’s record at its field: a contract’s RoI fields, a service’s function, a provider’s identifiers, a vendor’s page', async () => {
    const parentFinding: RoiFinding = { rule: 'e23674', severity: 'warning', template: 'B_05.01', column: '0110', record: 'Vendor CyberSource', field: 'Identifier of the ultimate parent [24]7.ai', message: 'c0110 is mandatory.', target: { kind: 'vendor', id: 9 } };
    const fake = setup({ 'roi.lint': () => [contractFinding, functionFinding, finding, hqFinding, parentFinding] });
    await userEvent.click(await screen.findByRole('button', { name: 'Check' }));
    const table = await screen.findByTestId('roi-findings');

    await userEvent.click(within(table).getByRole('button', { name: 'Contract HCC-2021-07' }));
    const form = await screen.findByRole('form', { name: 'Register of Information fields of HCC-2021-07' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Governing law (country)'));

    await userEvent.click(within(table).getByRole('button', { name: 'Service Card payments' }));
    const fnForm = await screen.findByRole('form', { name: 'Function fields of Card payments' });
    expect(document.activeElement).toBe(within(fnForm).getByLabelText('RTO (hours)'));
    await userEvent.type(within(fnForm).getByLabelText('RTO (hours)'), '4');
    await userEvent.click(within(fnForm).getByRole('button', { name: 'Save function fields' }));
    expect(fake.calls.find((c) => c.method === 'functions.save')!.args).toMatchObject({ serviceId: 3, fn: { functionCode: 'F3', rtoHours: 4 } });

    const [identifiers] = within(table).getAllByRole('button', { name: 'Vendor [24]7.ai' });
    await userEvent.click(identifiers!);
    const providerForm = await screen.findByRole('form', { name: 'Provider fields of [24]7.ai' });
    await userEvent.selectOptions(within(providerForm).getByLabelText('Type of the other identifier'), 'CRN');
    await userEvent.click(within(providerForm).getByRole('button', { name: 'Save provider fields' }));
    expect(fake.calls.find((c) => c.method === 'providers.save')!.args).toEqual({ vendorId: 9, provider: { otherIdentifierType: 'CRN', personType: 'legal' } });

    // A parent's missing identifier opens the parent's identifiers, not its page.
    fake.store.store.setState({ view: 'regulatory' });
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    await userEvent.click(within(await screen.findByTestId('roi-findings')).getByRole('button', { name: 'Vendor CyberSource' }));
    expect(fake.store.store.getState().view).toBe('regulatory');
    expect(await screen.findByRole('form', { name: 'Provider fields of [24]7.ai' })).toBeTruthy();

    // The country of a vendor's headquarters is on the vendor's own page.
    await userEvent.click(within(table).getAllByRole('button', { name: 'Vendor [24]7.ai' })[1]!);
    expect(fake.store.store.getState()).toMatchObject({ view: 'vendor', selectedVendor: 9, vendorFocusField: 'Country of HQ' });
  });

  it('opens an assessment finding in the contract’s form at its field, and saves the termination reason and the assessment', async () => {
    const auditFinding: RoiFinding = { rule: 'e23681', severity: 'warning', template: 'B_07.01', column: '0070', record: 'Contract HCC-2021-07', field: 'Date of the last audit', message: 'c0070 is mandatory.', target: { kind: 'contract', id: 5 } };
    const fake = setup({ 'roi.lint': () => [auditFinding] });
    await userEvent.click(await screen.findByRole('button', { name: 'Check' }));
    await userEvent.click(within(await screen.findByTestId('roi-findings')).getByRole('button', { name: 'Contract HCC-2021-07' }));
    const form = await screen.findByRole('form', { name: 'Register of Information fields of HCC-2021-07' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Date of the last audit'));

    await userEvent.selectOptions(within(form).getByLabelText('Reason for termination or ending'), 'expired');
    await userEvent.selectOptions(within(form).getByLabelText('Why it is hard to substitute'), 'both');
    await userEvent.selectOptions(within(form).getByLabelText('Possibility of reintegration'), 'difficult');
    await userEvent.selectOptions(within(form).getByLabelText('Impact of discontinuing'), 'not_assessed');
    await userEvent.selectOptions(within(form).getByLabelText('Alternative providers identified'), 'yes');
    await userEvent.type(within(form).getByLabelText('Which alternative providers'), 'Beta Ltd');
    await userEvent.click(within(form).getByRole('button', { name: 'Save contract fields' }));
    expect(fake.calls.find((c) => c.method === 'arrangements.save')!.args).toMatchObject({
      contractId: 5,
      arrangement: { terminationReason: 'expired', substitutionReason: 'both', reintegration: 'difficult', serviceDiscontinuingImpact: 'not_assessed', alternativesIdentified: 'yes', alternativeProviders: 'Beta Ltd' },
    });
  });

  it('checks the CPS 230 register and opens each finding at its field: a contract’s CPS 230 fields, a critical operation, a vendor’s page', async () => {
    const consulted: RoiFinding = { rule: '59(b)', severity: 'warning', template: 'Material arrangements', column: null, record: 'Contract HCC-2021-07', field: 'APRA consulted on the offshoring (para 59(b))', message: 'Record the date.', target: { kind: 'cps230Arrangement', id: 5 } };
    const tolerance: RoiFinding = { rule: 'tolerance', severity: 'warning', template: 'Critical operations', column: null, record: 'Critical operation Card payments', field: 'Extent of data loss', message: 'Not set.', target: { kind: 'criticalOperation', id: 3 } };
    const abn: RoiFinding = { rule: 'ABN', severity: 'warning', template: 'Material service providers', column: null, record: 'Vendor Harbourline', field: 'ABN', message: 'An ABN or ACN.', target: { kind: 'vendor', id: 9 } };
    const fake = setup({ 'cps230.lint': () => [consulted, tolerance, abn] });
    await userEvent.click(await screen.findByRole('button', { name: 'Check CPS 230 register' }));
    expect(await screen.findByText('3 warnings: none stops the export.')).toBeTruthy();
    const table = screen.getByTestId('cps230-findings');

    await userEvent.click(within(table).getByRole('button', { name: 'Contract HCC-2021-07' }));
    const form = await screen.findByRole('form', { name: 'CPS 230 fields of HCC-2021-07' });
    expect(document.activeElement).toBe(within(form).getByLabelText('APRA consulted on the offshoring (para 59(b))'));

    await userEvent.click(within(table).getByRole('button', { name: 'Critical operation Card payments' }));
    const operationForm = await screen.findByRole('form', { name: 'Critical operation Card payments' });
    expect(document.activeElement).toBe(within(operationForm).getByLabelText('Extent of data loss'));

    await userEvent.click(within(table).getByRole('button', { name: 'Vendor Harbourline' }));
    expect(fake.store.store.getState()).toMatchObject({ view: 'vendor', selectedVendor: 9, vendorFocusField: 'ABN' });
  });

  it('exports a package with warnings, and offers the findings report beside it', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:package');
    URL.revokeObjectURL = vi.fn();
    setup({
      'roi.export': () => ({ jobId: 'j2' }),
      'jobs.status': () => ({ jobId: 'j2', state: 'done', phase: '', done: 1, total: 1, result: { fileName: 'P.zip', mimeType: 'application/zip', base64: btoa('PK'), rows: 3, findings: [hqFinding] }, error: null }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Export package' }));
    expect(await screen.findByText('Exported P.zip. 0 blocking, 1 warnings.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save the findings report (CSV)' })).toBeTruthy();
  });
});
