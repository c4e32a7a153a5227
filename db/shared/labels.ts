// Display labels for the register's vocabularies, shared by every view and export.
import type { Basis, Criticality, ImportMode, IncidentKind, IncidentStatus, Reliance, ServiceType, Substitutability, Tier, VendorStatus } from '../contract';

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  customer_servicing: 'Customer servicing / contact centre',
  chat_messaging: 'Chat & messaging',
  payment_gateway: 'Payment gateway',
  ecommerce_platform: 'E-commerce platform',
  crm: 'CRM',
  cloud_hosting: 'Cloud hosting',
  loyalty: 'Loyalty',
  other: 'Other',
};

export const STATUS_LABELS: Record<VendorStatus, string> = {
  proposed: 'Proposed',
  under_review: 'Under review',
  active: 'Active',
  offboarding: 'Offboarding',
  exited: 'Exited',
};

export const TIER_LABELS: Record<Tier, string> = {
  1: 'Tier 1 · critical',
  2: 'Tier 2 · important',
  3: 'Tier 3 · standard',
};

export const SUBSTITUTABILITY_LABELS: Record<Substitutability, string> = {
  easy: 'Easy to replace',
  medium: 'Replaceable with effort',
  difficult: 'Difficult to replace',
  not_substitutable: 'Not substitutable',
};

export const CRITICALITY_LABELS: Record<Criticality, string> = {
  critical: 'Critical',
  important: 'Important',
  other: 'Other',
};

export const RELIANCE_LABELS: Record<Reliance, string> = {
  full: 'Full',
  material: 'Material',
  low: 'Low',
};

export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  cyberattack: 'Cyberattack',
  technology_fault: 'Technology fault',
  misconfiguration: 'Misconfiguration',
  insider: 'Insider',
  fourth_party_breach: 'Fourth-party breach',
  other: 'Other',
};

export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  upsert: 'Add new and update existing',
  create: 'Add new only',
  update: 'Update existing only',
};

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  contained: 'Contained',
  closed: 'Closed',
};

/** Regulators offered as ticks on the incident form; others can be typed. */
export const COMMON_REGULATORS = ['OAIC', 'ACSC', 'AFP', 'APRA', 'ASIC', 'ICO', 'DPC', 'FTC'] as const;

export const BASIS_LABELS: Record<Basis, string> = {
  exposure: 'Weighted exposure',
  people: 'People (per vendor)',
  spend: 'Annual spend',
  critical: 'Critical services',
};
