import { describe, expect, it } from 'vitest';
import type { Incident } from '../../db/contract';
import { incidentList, type IncidentCriteria } from '../../renderer/views/incident-list';

const incident = (id: number, fields: Partial<Incident> & { lag?: number | null; oaic?: string | null }): Incident =>
  ({
    id,
    vendorId: 1,
    vendorName: 'Vendor',
    title: `Incident ${id}`,
    kind: 'cyberattack',
    status: 'closed',
    occurredFrom: null,
    occurredTo: null,
    vendorDetected: null,
    weWereTold: null,
    contained: null,
    recordsAffected: null,
    categoryIds: [],
    categoryLabels: [],
    regulators: [],
    sourceUrl: null,
    description: null,
    ...fields,
    clocks: { notificationLagDays: fields.lag ?? null, oaicAssessmentDue: fields.oaic ?? null },
  }) as unknown as Incident;

const ALL: IncidentCriteria = { search: '', vendor: '', kind: '', status: '', year: '', order: 'newest' };

describe('the incidents list', () => {
  const incidents = [
    incident(1, { title: 'Contact-centre platform breach', vendorName: 'Harbourline', occurredFrom: '2025-06-30', recordsAffected: 6_000_000, regulators: ['OAIC'], lag: 0, oaic: '2025-07-30' }),
    incident(2, { title: 'App caching fault', vendorName: 'AppForge', kind: 'technology_fault', occurredFrom: '2024-05-01T08:45', lag: 0 }),
    incident(3, { title: 'Chat provider compromise', vendorName: '[24]7.ai', occurredFrom: '2017-09-26', categoryLabels: ['Full payment card'], status: 'investigating', lag: 167, oaic: '2018-04-27' }),
    incident(4, { title: 'Undated report', vendorName: 'Harbourline' }),
  ];
  const ids = (c: Partial<IncidentCriteria>) => incidentList(incidents, { ...ALL, ...c }).map((i) => i.id);

  it('searches every word in the title, vendor, data, regulators and description', () => {
    expect(ids({ search: 'payment card' })).toEqual([3]);
    expect(ids({ search: 'oaic harbourline' })).toEqual([1]);
    expect(ids({ search: 'nothing like this' })).toEqual([]);
  });

  it('filters by vendor, kind, status and year', () => {
    expect(ids({ vendor: 'Harbourline' })).toEqual([1, 4]);
    expect(ids({ kind: 'technology_fault' })).toEqual([2]);
    expect(ids({ status: 'investigating' })).toEqual([3]);
    expect(ids({ year: '2024' })).toEqual([2]);
  });

  it('orders as asked, with unknown values last whatever the direction', () => {
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ order: 'oldest' })).toEqual([3, 2, 1, 4]);
    expect(ids({ order: 'people' })).toEqual([1, 2, 3, 4]);
    expect(ids({ order: 'lag' })).toEqual([3, 1, 2, 4]);
    expect(ids({ order: 'oaic' })).toEqual([3, 1, 2, 4]);
  });
});
