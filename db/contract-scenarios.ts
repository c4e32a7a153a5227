// The contract's scenario domain (docs/scenarios.md): breach and outage scenarios, the ranking of providers, saved
// tabletop exercises and the notification-rule and breach-cost settings. Imports zod and pure helpers only; contract.ts
// re-exports it and lists its methods.
import { z } from 'zod';
import { isCountryCode } from './shared/countries';
import { optionalText } from './shared/fields';
import { NOTIFICATION_TRIGGERS, SCENARIO_MODES, type ScenarioMode } from './shared/vocabulary';


/** 'EU' stands for every member state of the European Union; other jurisdictions are ISO 3166 country codes. */
const jurisdiction = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === 'EU' || isCountryCode(v), 'Use a two-letter country code, or EU for the European Union.');

const text = (max: number) => z.string().trim().min(1, 'Enter a text.').max(max, `Keep this under ${max} characters.`);

/** A moment to the minute, as the incident clocks take it: YYYY-MM-DDTHH:MM (register time, no zone). */
export const scenarioMoment = z
  .string({ error: 'Enter the date and time it starts.' })
  .trim()
  .refine((v) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/.test(v) && new Date(`${v}:00Z`).toISOString().slice(0, 16) === v, 'Enter a real date and time as YYYY-MM-DDTHH:MM.');

export const scenarioTarget = z.discriminatedUnion('kind', [
  /** One vendor or fourth party. */
  z.strictObject({ kind: z.literal('vendor'), id: z.number().int().positive() }),
  /** A provider group, by its key: the ultimate parent's id (or the vendor's own, when it has no parent). */
  z.strictObject({ kind: z.literal('group'), id: z.number().int().positive() }),
]);
export type ScenarioTarget = z.output<typeof scenarioTarget>;

export const scenarioInput = z
  .strictObject({
    target: scenarioTarget,
    mode: z.enum(SCENARIO_MODES, { error: 'Choose a breach or an outage.' }),
    startsAt: scenarioMoment,
    /** Hours between the start and the moment we learn of it (the vendor's notification lag); clocks run from then. */
    toldAfterHours: z.number({ error: 'Enter a number of hours.' }).finite().min(0, 'Cannot be negative.').max(87_600, 'Keep it under ten years.').default(0),
    /** How long the outage lasts, in hours (outages only). */
    outageHours: z.number({ error: 'Enter the outage length in hours.' }).finite().positive('Enter more than 0 hours.').max(8_760, 'Keep it under a year.').nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'outage' && v.outageHours === null) ctx.addIssue({ code: 'custom', path: ['outageHours'], message: 'Enter how long the outage lasts.' });
  });
export type ScenarioInput = z.input<typeof scenarioInput>;
export type ScenarioArgs = z.output<typeof scenarioInput>;

// ---------------------------------------------------------------------------------------------------------------
// Settings: the notification rules and the breach-cost figures, each with its source.


const year = z.number({ error: 'Enter a year, e.g. 2024.' }).int('Enter a whole year.').min(1990, 'Enter a year from 1990 on.').max(2100, 'Enter a year before 2100.');

/** A source's web address: https only, as the app opens external links only over https (electron/security.ts). */
const sourceLink = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => {
    if (v === null) return true;
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Enter a full web address starting with https://');

export const notificationStep = z.strictObject({
  step: text(200),
  /** Hours after `from`; null when the rule sets no fixed clock ("as soon as practicable"). */
  hours: z.number({ error: 'Enter a number of hours, or leave it empty for no fixed clock.' }).finite().min(0, 'Cannot be negative.').max(87_600, 'Keep it under ten years.').nullable(),
  /** Calendar months after `from`, added to the hours (DORA's final report: one month). */
  months: z.number({ error: 'Enter a whole number of months.' }).int('Enter a whole number of months.').min(0, 'Cannot be negative.').max(120, 'Keep it under ten years.').default(0),
  /** From the moment we became aware, or from the previous step's deadline. */
  from: z.enum(['aware', 'previous']).default('aware'),
});

export const notificationRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Use lower-case letters, digits and hyphens.'),
  regime: text(200),
  authority: text(200),
  /** The rule applies when we operate in one of these (ISO codes, EU for the Union). */
  jurisdictions: z.array(jurisdiction).min(1, 'Name at least one jurisdiction.').max(60),
  /** It may also apply (to be checked) when the data is stored in one of them though we do not operate there. */
  storageTriggers: z.boolean(),
  modes: z.array(z.enum(SCENARIO_MODES)).min(1, 'Choose breach, outage or both.'),
  trigger: z.enum(NOTIFICATION_TRIGGERS),
  steps: z.array(notificationStep).min(1).max(10),
  /** What must be judged before it applies (materiality, serious harm, regulated status). */
  note: text(1_000),
  source: text(1_000),
  /** Where the source can be read, and the year of the text cited; absent from registers saved before they existed. */
  sourceUrl: sourceLink,
  sourceYear: year.nullish().transform((v) => v ?? null),
  enabled: z.boolean(),
});
export type NotificationRule = z.output<typeof notificationRule>;

const money = z.number({ error: 'Enter an amount.' }).finite().positive('Enter an amount above 0.').max(1e12, 'Keep it under 1,000,000,000,000.');

export const breachCostSettings = z
  .strictObject({
    /** The figures' currency (the published ones are in US dollars). */
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD.'),
    perRecordLow: money,
    perRecordHigh: money,
    perRecordYear: year,
    perRecordSource: text(1_000),
    /** From this many people on, per-record costs no longer apply: the published totals of large breaches do. */
    largeBreachFrom: z.number({ error: 'Enter a number of people.' }).int('Enter a whole number of people.').positive('Enter more than 0 people.'),
    largeBreachLow: money,
    largeBreachHigh: money,
    largeBreachYear: year,
    largeBreachSource: text(1_000),
  })
  .superRefine((v, ctx) => {
    if (v.perRecordLow > v.perRecordHigh) ctx.addIssue({ code: 'custom', path: ['perRecordHigh'], message: 'The high figure cannot be below the low one.' });
    if (v.largeBreachLow > v.largeBreachHigh) ctx.addIssue({ code: 'custom', path: ['largeBreachHigh'], message: 'The high figure cannot be below the low one.' });
  });
export type BreachCostSettings = z.output<typeof breachCostSettings>;

export const scenarioSettingsSchema = z
  .strictObject({
    /** Jurisdictions we operate in (ISO codes, EU for the Union): the rules of these apply. */
    operatesIn: z.array(jurisdiction).max(60),
    rules: z.array(notificationRule).max(50),
    cost: breachCostSettings,
  })
  .superRefine((v, ctx) => {
    const ids = v.rules.map((r) => r.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'Two rules have the same id.' });
  });
export type ScenarioSettings = z.output<typeof scenarioSettingsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Results.

export interface ScenarioVendor {
  id: number;
  name: string;
  /** 'target': it is the provider (or a member of the group); 'chain': its supply chain reaches the provider. */
  reached: 'target' | 'chain';
  /** Distinct people: entered, or at least its largest category. */
  people: number;
  peopleEntered: boolean;
  substitutability: 'easy' | 'medium' | 'difficult' | 'not_substitutable' | null;
  exitPlan: boolean;
}

export interface ScenarioCategory {
  code: string;
  label: string;
  notifiable: boolean;
  /** People exposed in this category: at least the largest vendor's count, at most the sum (capped by the customer base). */
  lower: number;
  upper: number;
  vendors: number;
}

export interface ScenarioExposure {
  /** Distinct people exposed: at least the largest vendor's, at most the sum over vendors (capped by the customer base). */
  lower: number;
  upper: number;
  /** Σ of the vendors' distinct people, before the cap. */
  sumOfVendors: number;
  customerBase: number | null;
  largest: { name: string; people: number } | null;
  categories: ScenarioCategory[];
  /** Labels of the exposed categories flagged as triggering notification. */
  notifiable: string[];
  /** Where the exposed data is stored: data items (person × category) per country; null country: not recorded. */
  countries: { country: string | null; dataItems: number; vendors: number }[];
}

export interface ScenarioServiceVendor {
  id: number;
  name: string;
  reliance: 'full' | 'material';
  affected: boolean;
  substitutability: ScenarioVendor['substitutability'];
  exitPlan: boolean;
}

export interface ScenarioService {
  id: number;
  name: string;
  criticality: 'critical' | 'important';
  /** stopped: every vendor supporting it (full or material reliance) is affected; degraded: some are. */
  state: 'stopped' | 'degraded';
  /** Its maximum tolerable outage (CPS 230 tolerance level), hours; null when not set. */
  maxOutageHours: number | null;
  /** Outages only: whether the outage's length is beyond the tolerance; null when either is unknown. */
  toleranceBreached: boolean | null;
  vendors: ScenarioServiceVendor[];
}

export interface ObligationStep {
  step: string;
  /** YYYY-MM-DDTHH:MM, or null when the rule sets no fixed clock. */
  due: string | null;
  /** The clock in words: "72 hours after we became aware". */
  clock: string;
}

export interface Obligation {
  ruleId: string;
  regime: string;
  authority: string;
  /** applies: the register's facts meet the rule's trigger where we operate; check: it may apply and must be judged. */
  status: 'applies' | 'check';
  reason: string;
  note: string;
  steps: ObligationStep[];
  source: string;
  /** The rule's source link and year (absent from results saved before rules carried them). */
  sourceUrl?: string | null;
  sourceYear?: number | null;
}

export interface ScenarioCost {
  currency: string;
  low: number;
  high: number;
  /** How the range was reached, with its inputs. */
  explanation: string;
  sources: string[];
  /** The range in the register's reporting currency at the settings' rate, when there is one. */
  converted: { currency: string; low: number; high: number; rate: number } | null;
}

export interface ScenarioResult {
  methodVersion: number;
  asOf: string;
  input: ScenarioArgs;
  target: { kind: ScenarioTarget['kind']; id: number; name: string; members: string[]; live: boolean };
  /** startsAt + toldAfterHours: the clocks run from here. */
  awareAt: string;
  /** Live vendors affected: the provider's own and those whose chain reaches it. */
  vendors: ScenarioVendor[];
  /** Breaches only. */
  exposure: ScenarioExposure | null;
  services: ScenarioService[];
  obligations: Obligation[];
  /** Breaches only. */
  cost: ScenarioCost | null;
  settings: ScenarioSettings;
}

/** One provider group in the ranking. */
export interface RankedProvider {
  groupKey: number;
  name: string;
  members: string[];
  /** People its breach would expose: at least, at most (capped by the customer base). */
  peopleLower: number;
  peopleUpper: number;
  vendorCount: number;
  /** Critical services its outage would stop (every supporting vendor affected), and their names. */
  criticalStopped: number;
  criticalServices: string[];
  importantStopped: number;
}

export interface ProviderRanking {
  asOf: string;
  providerCount: number;
  customerBase: number | null;
  /** The providers whose breach would expose most people (by the lower bound, then the upper), and whose outage would stop most critical services. */
  byPeople: RankedProvider[];
  byCritical: RankedProvider[];
}

/** A target the view can pick: a vendor, a fourth party or a provider group. */
export interface ScenarioTargetOption {
  kind: ScenarioTarget['kind'];
  id: number;
  name: string;
  detail: string;
}

export const savedScenarioFields = z.strictObject({
  name: text(200),
  scenario: scenarioInput,
  assumptions: optionalText(5_000),
  notes: optionalText(10_000),
});

export interface ScenarioFigure {
  key: string;
  label: string;
  value: string;
}

export interface SavedScenarioSummary {
  id: number;
  name: string;
  targetName: string;
  mode: ScenarioMode;
  startsAt: string;
  savedAt: string;
  savedBy: string;
}

export interface SavedScenario extends SavedScenarioSummary {
  input: ScenarioArgs;
  assumptions: string | null;
  notes: string | null;
  /** The figures as they were when saved. */
  figures: ScenarioFigure[];
  /** The obligations' deadlines as saved (they depend on the scenario's own dates, not on the register). */
  result: ScenarioResult;
}

export interface ReopenedScenario {
  saved: SavedScenario;
  /** Recomputed on today's register; null when the provider is no longer in it. */
  current: ScenarioResult | null;
  /** Each figure saved beside its recomputed value. */
  comparison: { key: string; label: string; saved: string; now: string | null; changed: boolean }[];
}
