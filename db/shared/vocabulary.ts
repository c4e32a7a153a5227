// The contract's plain values, without its schemas: error codes and ApiError, and the vocabularies stored in the
// register. The renderer imports these from here, so its first paint does not load and build the schema library.

// ---------------------------------------------------------------------------------------------------------------
// Errors cross the boundary as data.

export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorDetails {
  /** Field path (dot-separated, relative to the method's argument) → message to show next to that field. */
  fields?: Record<string, string>;
  /** Set when the request was meant for a register that is no longer open; the client drops such answers. */
  staleRegister?: boolean;
  [key: string]: unknown;
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  details?: ApiErrorDetails;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: ApiErrorDetails;
  constructor(code: ErrorCode, message: string, details?: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toData(): ApiErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** What a call given up answers (a long call stopped in the service, or a request the page aborted). */
export const CANCELLED: Envelope<never> = { ok: false, error: { code: 'CONFLICT', message: 'Cancelled: the answer was no longer wanted.', details: { cancelled: true } } };

// ---------------------------------------------------------------------------------------------------------------
// Vocabularies (values stored in the register; labels live in shared/labels.ts).

export const SERVICE_TYPES = [
  'customer_servicing',
  'chat_messaging',
  'payment_gateway',
  'ecommerce_platform',
  'crm',
  'cloud_hosting',
  'loyalty',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const VENDOR_STATUSES = ['proposed', 'under_review', 'active', 'offboarding', 'exited'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

export const SUBSTITUTABILITY = ['easy', 'medium', 'difficult', 'not_substitutable'] as const;
export type Substitutability = (typeof SUBSTITUTABILITY)[number];

export const CRITICALITIES = ['critical', 'important', 'other'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
export const RELIANCES = ['full', 'material', 'low'] as const;
export type Reliance = (typeof RELIANCES)[number];

export const INCIDENT_KINDS = ['cyberattack', 'technology_fault', 'misconfiguration', 'insider', 'fourth_party_breach', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_STATUSES = ['investigating', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const REVIEW_OUTCOMES = ['approve', 'approve_with_conditions', 'reject'] as const;

export const BASES = ['exposure', 'people', 'spend', 'critical'] as const;
export type Basis = (typeof BASES)[number];

export const IMPORT_ENTITIES = ['vendors', 'holdings', 'services', 'incidents', 'contracts'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const IMPORT_MODES = ['upsert', 'create', 'update'] as const;

/** Text encodings a CSV can be read in, when detection (UTF-8, UTF-16 by BOM, else Windows-1252) is wrong. */
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'windows-1250', 'windows-1251', 'iso-8859-15', 'macintosh', 'utf-16le', 'cp850'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export const EXPORT_TABLES = ['vendors', 'holdings', 'services', 'incidents', 'contracts', 'scores', 'concentration', 'dueSoon', 'history'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const SCENARIO_MODES = ['breach', 'outage'] as const;
export type ScenarioMode = (typeof SCENARIO_MODES)[number];

export const NOTIFICATION_TRIGGERS = ['personal_data', 'notifiable_data', 'critical_service', 'outside_tolerance'] as const;
export type NotificationTrigger = (typeof NOTIFICATION_TRIGGERS)[number];
