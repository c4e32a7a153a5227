// The sample register: a fictional airline-and-retail group whose vendors and incidents follow the public facts of
// the Qantas (2024, 2025), Delta / [24]7.ai (2017–18) and Kmart Australia (2015) incidents. Names of the
// organisation's own vendors are invented; [24]7.ai, CyberSource, IBM WebSphere and Oracle Endeca are as reported.
// Contract and review dates are set relative to the day the sample is made, so "due soon" always has something.
import type { IncidentInput, MethodInput, MethodName, MethodResult, VendorInput } from './contract';
import { populateSampleCps230, populateSampleRoi, sampleLei } from './regulatory/sample-roi';

/** Runs one contract method with full validation, throwing on failure. */
export type ContractCall = <M extends MethodName>(method: M, args: MethodInput<M>) => MethodResult<M>;

export const SAMPLE_REGISTER_NAME = 'Sample register — Southern Cross Air & Retail';

const SOURCES = {
  qantas2025: 'Contact-centre platform breach, about 6 million customers (Qantas, 2025)',
  qantasApp2024: 'App caching fault showing other travellers’ details, 1 May 2024 (Qantas)',
  delta2018: 'Chat vendor [24]7.ai compromised 26 Sep – 12 Oct 2017; client told 28 Mar 2018 (Delta)',
  kmart2015: 'Online order system breach; payments via ANZ’s CyberSource gateway (Kmart Australia, 2015)',
};

type Holding = [code: string, records: number, country?: string, tokenised?: boolean];

interface SampleVendor extends VendorInput {
  holdings?: Holding[];
  dependsOn?: string[];
  services?: [service: string, reliance: 'full' | 'material' | 'low'][];
  contract?: { reference: string; startYearsAgo: number; endInDays: number; noticeDays: number; annualValue: number; currency: string };
  parent?: string;
}

const v = (name: string, fields: Omit<SampleVendor, 'name'>): SampleVendor => ({ name, ...fields });

/** Each service with its criticality, description and maximum tolerable outage in hours (the CPS 230 tolerance level). */
const SERVICES: [string, 'critical' | 'important' | 'other', string, number | null][] = [
  ['Customer contact centre', 'critical', 'Phone, email and messaging support for airline and retail customers.', 24],
  ['Flight booking and check-in', 'critical', 'Bookings, itineraries, check-in and boarding passes on web and app.', 4],
  ['Card payments', 'critical', 'Taking and refunding card payments online and in the contact centre.', 2],
  ['Online retail orders', 'critical', 'The online shop: catalogue, orders, delivery and returns.', 12],
  ['Mobile app', 'critical', 'The customer app: bookings, boarding passes, loyalty balance.', 8],
  ['Frequent flyer programme', 'important', 'Membership, points and status.', 72],
  ['Online sales chat', 'important', 'Live and automated chat on the booking and shop pages.', 48],
  ['Marketing communications', 'other', 'Email and SMS campaigns.', null],
];

const VENDORS: SampleVendor[] = [
  v('Harbourline Customer Care', {
    lei: sampleLei('HARBOURLINE'),
    legalName: 'Harbourline Customer Care Pty Ltd',
    serviceType: 'customer_servicing',
    tier: 1,
    hqCountry: 'AU',
    owner: 'Head of Customer Operations',
    annualSpend: 6_800_000,
    spendCurrency: 'AUD',
    substitutability: 'difficult',
    exitPlan: false,
    people: 6_000_000,
    lastAssessed: '2024-09-12',
    notes: `Sample data. Third-party customer-servicing platform used by the contact centre. Based on: ${SOURCES.qantas2025}.`,
    holdings: [['name', 6_000_000, 'PH'], ['email', 5_700_000, 'PH'], ['phone', 5_400_000, 'PH'], ['date_of_birth', 4_100_000, 'PH'], ['loyalty', 5_200_000, 'PH']],
    dependsOn: ['Stratus Cloud', 'SignalWave SMS'],
    services: [['Customer contact centre', 'full'], ['Frequent flyer programme', 'material']],
    contract: { reference: 'HCC-2021-07', startYearsAgo: 4, endInDays: 150, noticeDays: 120, annualValue: 6_800_000, currency: 'AUD' },
  }),
  v('[24]7.ai', {
    legalName: '[24]7.ai, Inc.',
    serviceType: 'chat_messaging',
    tier: 1,
    hqCountry: 'US',
    owner: 'Digital Channels Lead',
    annualSpend: 900_000,
    spendCurrency: 'USD',
    substitutability: 'medium',
    exitPlan: true,
    website: 'https://www.247.ai',
    notes: `Sample data. Online chat provider on the booking pages; card numbers are typed into chat during assisted sales. Based on: ${SOURCES.delta2018}.`,
    holdings: [['name', 420_000, 'US'], ['email', 380_000, 'US'], ['payment_card', 160_000, 'US']],
    dependsOn: ['Stratus Cloud'],
    services: [['Online sales chat', 'full'], ['Card payments', 'low']],
    contract: { reference: '247-CHAT-2019', startYearsAgo: 6, endInDays: 400, noticeDays: 90, annualValue: 900_000, currency: 'USD' },
  }),
  v('ANZ Merchant Payments', {
    legalName: 'Australia and New Zealand Banking Group Limited',
    serviceType: 'payment_gateway',
    tier: 1,
    hqCountry: 'AU',
    abn: '11 005 357 522',
    acn: '005 357 522',
    owner: 'Treasury and Payments',
    annualSpend: 2_100_000,
    spendCurrency: 'AUD',
    substitutability: 'difficult',
    exitPlan: true,
    notes: `Sample data. Merchant acquiring for online and contact-centre payments; the gateway itself is CyberSource. Based on: ${SOURCES.kmart2015}.`,
    holdings: [['payment_card', 2_400_000, 'US'], ['name', 2_400_000, 'AU'], ['postal_address', 2_100_000, 'AU']],
    dependsOn: ['CyberSource'],
    services: [['Card payments', 'full']],
    contract: { reference: 'ANZ-MSA-2018', startYearsAgo: 7, endInDays: 70, noticeDays: 60, annualValue: 2_100_000, currency: 'AUD' },
  }),
  v('CyberSource', {
    legalName: 'CyberSource Corporation',
    serviceType: 'payment_gateway',
    tier: 1,
    direct: false,
    hqCountry: 'US',
    parent: 'Visa',
    owner: 'Treasury and Payments',
    substitutability: 'difficult',
    notes: `Sample data. Fourth party: the payment gateway behind our acquirer and our online shop; it holds the card data. Based on: ${SOURCES.kmart2015}.`,
    dependsOn: ['Stratus Cloud'],
  }),
  v('Visa', { legalName: 'Visa Inc.', serviceType: 'payment_gateway', tier: 2, direct: false, hqCountry: 'US', notes: 'Sample data. Ultimate parent of CyberSource.' }),
  v('Orderline Commerce', {
    lei: sampleLei('ORDERLINE'),
    legalName: 'Orderline Commerce Services Pty Ltd',
    serviceType: 'ecommerce_platform',
    tier: 1,
    hqCountry: 'AU',
    owner: 'E-commerce Director',
    annualSpend: 1_450_000,
    spendCurrency: 'AUD',
    substitutability: 'medium',
    exitPlan: false,
    notes: `Sample data. Runs the online order system, built on IBM WebSphere Commerce with Oracle Endeca search. Based on: ${SOURCES.kmart2015}.`,
    holdings: [['name', 1_900_000, 'AU'], ['email', 1_900_000, 'AU'], ['postal_address', 1_750_000, 'AU'], ['phone', 1_600_000, 'AU'], ['purchase_history', 1_900_000, 'AU'], ['tokenised_card', 900_000, 'AU', true]],
    dependsOn: ['IBM WebSphere Commerce', 'Oracle Endeca', 'CyberSource', 'Stratus Cloud'],
    services: [['Online retail orders', 'full'], ['Card payments', 'material']],
    contract: { reference: 'OC-2022-03', startYearsAgo: 3, endInDays: 520, noticeDays: 180, annualValue: 1_450_000, currency: 'AUD' },
  }),
  v('IBM WebSphere Commerce', { legalName: 'IBM Australia Limited', serviceType: 'ecommerce_platform', tier: 2, direct: false, hqCountry: 'US', parent: 'IBM', notes: `Sample data. Fourth party: the commerce software under the order platform. Based on: ${SOURCES.kmart2015}.` }),
  v('IBM', { legalName: 'International Business Machines Corporation', serviceType: 'other', tier: 3, direct: false, hqCountry: 'US', notes: 'Sample data. Ultimate parent.' }),
  v('Oracle Endeca', { legalName: 'Oracle Corporation', serviceType: 'ecommerce_platform', tier: 2, direct: false, hqCountry: 'US', notes: `Sample data. Fourth party: search and data discovery in the order platform. Based on: ${SOURCES.kmart2015}.` }),
  v('AppForge Mobile', {
    lei: sampleLei('APPFORGE'),
    legalName: 'AppForge Mobile Pty Ltd',
    serviceType: 'other',
    tier: 1,
    hqCountry: 'AU',
    owner: 'Mobile App Lead',
    annualSpend: 1_200_000,
    spendCurrency: 'AUD',
    substitutability: 'medium',
    exitPlan: false,
    notes: `Sample data. Builds and runs the mobile app platform, including its caching layer. Based on: ${SOURCES.qantasApp2024}.`,
    holdings: [['name', 3_100_000, 'AU'], ['travel', 2_800_000, 'AU'], ['loyalty', 3_000_000, 'AU'], ['credentials', 3_100_000, 'AU']],
    dependsOn: ['Stratus Cloud', 'Keystone Identity'],
    services: [['Mobile app', 'full'], ['Flight booking and check-in', 'material']],
    contract: { reference: 'AFM-2023-11', startYearsAgo: 2, endInDays: 45, noticeDays: 30, annualValue: 1_200_000, currency: 'AUD' },
  }),
  v('Stratus Cloud', {
    lei: sampleLei('STRATUSCLD'),
    legalName: 'Stratus Cloud Services LLC',
    serviceType: 'cloud_hosting',
    tier: 1,
    hqCountry: 'US',
    parent: 'Stratus Holdings',
    owner: 'Chief Technology Officer',
    annualSpend: 3_300_000,
    spendCurrency: 'USD',
    substitutability: 'not_substitutable',
    exitPlan: false,
    notes: 'Sample data. Hosting provider used directly and by several of our vendors: a shared fourth party.',
    holdings: [['name', 900_000, 'AU'], ['email', 900_000, 'AU'], ['travel', 850_000, 'AU']],
    services: [['Flight booking and check-in', 'material'], ['Mobile app', 'material']],
    contract: { reference: 'STR-ENT-2020', startYearsAgo: 5, endInDays: 800, noticeDays: 365, annualValue: 3_300_000, currency: 'USD' },
  }),
  v('Stratus Holdings', { lei: sampleLei('STRATUSHLD'), legalName: 'Stratus Holdings Inc.', serviceType: 'other', tier: 3, direct: false, hqCountry: 'US', notes: 'Sample data. Ultimate parent of Stratus Cloud and Stratus Analytics.' }),
  v('Stratus Analytics', {
    serviceType: 'cloud_hosting',
    tier: 2,
    hqCountry: 'US',
    parent: 'Stratus Holdings',
    owner: 'Head of Data',
    annualSpend: 640_000,
    spendCurrency: 'USD',
    substitutability: 'medium',
    notes: 'Sample data. Data warehouse; same group as Stratus Cloud.',
    holdings: [['name', 2_500_000, 'US'], ['email', 2_200_000, 'US'], ['purchase_history', 1_400_000, 'US'], ['travel', 900_000, 'US'], ['location', 500_000, 'US']],
    services: [['Marketing communications', 'low']],
  }),
  v('Skyroute GDS', {
    lei: sampleLei('SKYROUTE'),
    legalName: 'Skyroute Distribution Systems S.A.',
    serviceType: 'other',
    tier: 1,
    hqCountry: 'ES',
    owner: 'Distribution Manager',
    annualSpend: 4_900_000,
    spendCurrency: 'EUR',
    substitutability: 'not_substitutable',
    exitPlan: false,
    notes: 'Sample data. Global distribution system holding bookings made through travel agents.',
    holdings: [['name', 3_400_000, 'DE'], ['travel', 3_400_000, 'DE'], ['government_id', 900_000, 'DE'], ['email', 2_000_000, 'DE']],
    services: [['Flight booking and check-in', 'full']],
    contract: { reference: 'SKY-GDS-2016', startYearsAgo: 9, endInDays: 300, noticeDays: 180, annualValue: 4_900_000, currency: 'EUR' },
  }),
  v('Keystone Identity', {
    lei: sampleLei('KEYSTONE'),
    serviceType: 'other',
    tier: 1,
    hqCountry: 'US',
    owner: 'Chief Information Security Officer',
    annualSpend: 380_000,
    spendCurrency: 'USD',
    substitutability: 'difficult',
    exitPlan: true,
    notes: 'Sample data. Customer login and multi-factor authentication for web and app.',
    holdings: [['credentials', 3_600_000, 'US'], ['email', 3_600_000, 'US'], ['phone', 2_900_000, 'US']],
    dependsOn: ['Stratus Cloud', 'SignalWave SMS'],
    services: [['Mobile app', 'full'], ['Flight booking and check-in', 'material']],
  }),
  v('SignalWave SMS', { lei: sampleLei('SIGNALWAVE'), serviceType: 'chat_messaging', tier: 2, hqCountry: 'SG', owner: 'Marketing Operations', annualSpend: 150_000, spendCurrency: 'AUD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. SMS delivery; also used by two of our vendors.', holdings: [['phone', 4_200_000, 'SG'], ['name', 1_000_000, 'SG']], services: [['Marketing communications', 'material']] }),
  v('FlyPoints Rewards', { lei: sampleLei('FLYPOINTS'), serviceType: 'loyalty', tier: 2, people: 2_400_000, hqCountry: 'AU', owner: 'Loyalty Manager', annualSpend: 720_000, spendCurrency: 'AUD', substitutability: 'medium', notes: 'Sample data. Loyalty points engine.', holdings: [['loyalty', 2_400_000, 'AU'], ['name', 2_400_000, 'AU'], ['email', 2_200_000, 'AU'], ['date_of_birth', 1_200_000, 'AU']], dependsOn: ['Stratus Cloud'], services: [['Frequent flyer programme', 'full']], contract: { reference: 'FPR-2022', startYearsAgo: 3, endInDays: 210, noticeDays: 90, annualValue: 720_000, currency: 'AUD' } }),
  v('Northwind CRM', { serviceType: 'crm', tier: 2, people: 2_600_000, hqCountry: 'IE', owner: 'Sales Operations', annualSpend: 560_000, spendCurrency: 'EUR', substitutability: 'medium', exitPlan: true, notes: 'Sample data. Customer relationship management.', holdings: [['name', 2_600_000, 'IE'], ['email', 2_600_000, 'IE'], ['phone', 2_200_000, 'IE'], ['purchase_history', 1_100_000, 'IE']], dependsOn: ['Stratus Cloud'], services: [['Customer contact centre', 'material'], ['Marketing communications', 'material']] }),
  v('Bluebird Mail', { serviceType: 'other', tier: 3, hqCountry: 'US', owner: 'Marketing Operations', annualSpend: 120_000, spendCurrency: 'USD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. Email campaigns.', holdings: [['email', 4_800_000, 'US'], ['name', 4_800_000, 'US']], services: [['Marketing communications', 'full']] }),
  v('Sentinel Fraud Screening', { serviceType: 'payment_gateway', tier: 2, hqCountry: 'GB', owner: 'Payments Risk', annualSpend: 410_000, spendCurrency: 'GBP', substitutability: 'medium', notes: 'Sample data. Screens card payments for fraud.', holdings: [['tokenised_card', 2_300_000, 'GB', true], ['email', 2_300_000, 'GB'], ['location', 2_300_000, 'GB']], dependsOn: ['CyberSource'], services: [['Card payments', 'material']] }),
  v('VerifyID', { serviceType: 'other', tier: 2, hqCountry: 'AU', owner: 'Customer Operations', annualSpend: 210_000, spendCurrency: 'AUD', substitutability: 'medium', notes: 'Sample data. Identity document checks for high-value bookings.', holdings: [['government_id', 240_000, 'AU'], ['date_of_birth', 240_000, 'AU'], ['name', 240_000, 'AU']], services: [['Flight booking and check-in', 'low']] }),
  v('Echo Voice Recording', { serviceType: 'customer_servicing', tier: 2, hqCountry: 'NZ', owner: 'Head of Customer Operations', annualSpend: 260_000, spendCurrency: 'NZD', substitutability: 'easy', notes: 'Sample data. Call recording for the contact centre; recordings can contain card numbers read aloud.', holdings: [['name', 2_900_000, 'NZ'], ['phone', 2_900_000, 'NZ'], ['payment_card', 60_000, 'NZ']], dependsOn: ['Stratus Cloud'], services: [['Customer contact centre', 'material']] }),
  v('Pulse Surveys', { serviceType: 'other', tier: 3, hqCountry: 'AU', owner: 'Customer Insights', annualSpend: 48_000, spendCurrency: 'AUD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. Post-flight and post-purchase surveys.', holdings: [['email', 1_200_000, 'AU'], ['travel', 600_000, 'AU']] }),
  v('Harbour Print & Mail', { serviceType: 'other', tier: 3, hqCountry: 'AU', owner: 'Marketing Operations', annualSpend: 95_000, spendCurrency: 'AUD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. Printed statements and letters.', holdings: [['name', 800_000, 'AU'], ['postal_address', 800_000, 'AU']] }),
  v('LinguaLink Translation', { serviceType: 'customer_servicing', tier: 3, hqCountry: 'IN', owner: 'Head of Customer Operations', annualSpend: 70_000, spendCurrency: 'AUD', substitutability: 'easy', notes: 'Sample data. Interpreting for contact-centre calls.', holdings: [['name', 150_000, 'IN'], ['phone', 150_000, 'IN']], services: [['Customer contact centre', 'low']] }),
  v('Tally Pay', { serviceType: 'payment_gateway', tier: 2, hqCountry: 'AU', owner: 'Payments Product Owner', annualSpend: 330_000, spendCurrency: 'AUD', substitutability: 'easy', notes: 'Sample data. Buy-now-pay-later option at checkout.', holdings: [['name', 350_000, 'AU'], ['bank_account', 350_000, 'AU'], ['date_of_birth', 350_000, 'AU']], services: [['Online retail orders', 'low']] }),
  v('CoverMe Travel Insurance', { serviceType: 'other', tier: 2, hqCountry: 'AU', owner: 'Partnerships', substitutability: 'medium', notes: 'Sample data. Insurance partner; holds health declarations for travel cover.', holdings: [['name', 650_000, 'AU'], ['date_of_birth', 650_000, 'AU'], ['health_biometric', 120_000, 'AU'], ['travel', 650_000, 'AU']] }),
  v('RoadRunner Car Rental', { serviceType: 'other', tier: 3, hqCountry: 'US', owner: 'Partnerships', substitutability: 'easy', notes: 'Sample data. Car hire partner; receives licence details.', holdings: [['name', 300_000, 'US'], ['government_id', 300_000, 'US']] }),
  v('StayWell Hotels', { serviceType: 'other', tier: 3, hqCountry: 'SG', owner: 'Partnerships', substitutability: 'easy', notes: 'Sample data. Hotel booking partner.', holdings: [['name', 420_000, 'SG'], ['email', 420_000, 'SG'], ['travel', 420_000, 'SG']] }),
  v('SkyLounge Access', { serviceType: 'loyalty', tier: 3, hqCountry: 'GB', owner: 'Loyalty Manager', annualSpend: 180_000, spendCurrency: 'GBP', substitutability: 'easy', notes: 'Sample data. Lounge access for status members.', holdings: [['name', 260_000, 'GB'], ['loyalty', 260_000, 'GB']], services: [['Frequent flyer programme', 'low']] }),
  v('TagTrack Baggage', { serviceType: 'other', tier: 2, hqCountry: 'CH', owner: 'Airport Operations', annualSpend: 540_000, spendCurrency: 'CHF', substitutability: 'difficult', notes: 'Sample data. Baggage tracing.', holdings: [['name', 3_800_000, 'CH'], ['travel', 3_800_000, 'CH'], ['phone', 1_400_000, 'CH']], dependsOn: ['Stratus Cloud', 'SignalWave SMS'], services: [['Flight booking and check-in', 'low']] }),
  v('Metricly Analytics', { serviceType: 'other', tier: 3, hqCountry: 'US', owner: 'Digital Channels Lead', annualSpend: 85_000, spendCurrency: 'USD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. Web and app analytics.', holdings: [['location', 4_000_000, 'US']], services: [['Mobile app', 'low']] }),
  v('AddressRight', { serviceType: 'other', tier: 3, hqCountry: 'AU', owner: 'E-commerce Director', annualSpend: 22_000, spendCurrency: 'AUD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. Address validation at checkout.', holdings: [['postal_address', 1_000_000, 'AU']], services: [['Online retail orders', 'low']] }),
  v('VaultBox Documents', { serviceType: 'cloud_hosting', tier: 2, hqCountry: 'US', owner: 'Chief Information Officer', annualSpend: 150_000, spendCurrency: 'USD', substitutability: 'medium', notes: 'Sample data. Document storage for customer correspondence.', holdings: [['name', 1_100_000, 'US'], ['postal_address', 700_000, 'US'], ['government_id', 80_000, 'US']], dependsOn: ['Stratus Cloud'] }),
  v('DeepFreeze Backup', { serviceType: 'cloud_hosting', tier: 2, hqCountry: 'AU', owner: 'Chief Information Officer', annualSpend: 260_000, spendCurrency: 'AUD', substitutability: 'medium', exitPlan: true, notes: 'Sample data. Offsite backups of customer databases.', holdings: [['name', 2_000_000, 'AU'], ['email', 1_800_000, 'AU'], ['date_of_birth', 1_200_000, 'AU']], dependsOn: ['Stratus Cloud'] }),
  v('Parley AI', { serviceType: 'chat_messaging', status: 'proposed', tier: 2, hqCountry: 'US', owner: 'Digital Channels Lead', annualSpend: 450_000, spendCurrency: 'USD', substitutability: 'medium', notes: 'Sample data. Proposed AI chat assistant to replace part of the online chat.', holdings: [['name', 500_000, 'US'], ['email', 500_000, 'US']], dependsOn: ['Stratus Cloud'] }),
  v('ChatNest', { serviceType: 'chat_messaging', status: 'proposed', tier: 2, hqCountry: 'SG', owner: 'Digital Channels Lead', annualSpend: 380_000, spendCurrency: 'SGD', substitutability: 'easy', exitPlan: true, notes: 'Sample data. Proposed alternative to Parley AI for the AI chat assistant.', holdings: [['name', 450_000, 'SG'], ['email', 450_000, 'SG']], dependsOn: ['Stratus Cloud'] }),
  v('Legacy Mailhouse', { serviceType: 'other', status: 'offboarding', tier: 3, hqCountry: 'NZ', owner: 'Marketing Operations', annualSpend: 18_000, spendCurrency: 'NZD', notes: 'Sample data. Being replaced by Harbour Print & Mail.', holdings: [['name', 200_000, 'NZ'], ['postal_address', 200_000, 'NZ']] }),
  v('Old Survey Co', { serviceType: 'other', status: 'exited', tier: 3, hqCountry: 'GB', owner: 'Customer Insights', notes: 'Sample data. Contract ended; data deletion certificate received.' }),
];

const INCIDENTS: (Omit<IncidentInput, 'vendorId' | 'categoryIds'> & { vendor: string; categories: string[] })[] = [
  {
    vendor: 'Harbourline Customer Care',
    title: 'Cyberattack on the contact centre’s customer-servicing platform',
    kind: 'cyberattack',
    status: 'contained',
    occurredFrom: '2025-06-30',
    vendorDetected: '2025-06-30',
    weWereTold: '2025-06-30',
    contained: '2025-07-01',
    recordsAffected: 6_000_000,
    categories: ['name', 'email', 'phone', 'date_of_birth', 'loyalty'],
    regulators: ['ACSC', 'OAIC', 'AFP'],
    description: `Sample data. "Unusual activity" on a third-party customer-servicing platform used by one contact centre; about 6 million customers' service records. No cards, passports, passwords or PINs were held there. Source: ${SOURCES.qantas2025}.`,
  },
  {
    vendor: 'AppForge Mobile',
    title: 'App showed other travellers’ names, bookings, points and boarding passes',
    kind: 'technology_fault',
    status: 'closed',
    occurredFrom: '2024-05-01T08:45',
    occurredTo: '2024-05-01T12:00',
    vendorDetected: '2024-05-01T09:10',
    weWereTold: '2024-05-01T09:30',
    contained: '2024-05-01T12:00',
    categories: ['name', 'travel', 'loyalty'],
    regulators: [],
    description: `Sample data. After an app update, members saw other customers' details for about three hours; root cause a caching fault, not a cyberattack. Source: ${SOURCES.qantasApp2024}.`,
  },
  {
    vendor: '[24]7.ai',
    title: 'Chat provider compromise exposed customer payment cards',
    kind: 'cyberattack',
    status: 'closed',
    occurredFrom: '2017-09-26',
    occurredTo: '2017-10-12',
    vendorDetected: '2017-10-12',
    contained: '2017-10-12',
    weWereTold: '2018-03-28',
    categories: ['payment_card'],
    regulators: [],
    sourceUrl: 'https://www.247.ai',
    description: `Sample data. Malware at the chat provider could read card details typed by customers of several of its clients. The provider resolved it in October 2017 but told clients only on 28 March 2018. Source: ${SOURCES.delta2018}.`,
  },
  {
    vendor: 'Orderline Commerce',
    title: 'External breach of the online order system',
    kind: 'cyberattack',
    status: 'closed',
    occurredFrom: '2015-09-29',
    vendorDetected: '2015-09-29',
    weWereTold: '2015-09-30',
    contained: '2015-09-30',
    categories: ['name', 'email', 'postal_address', 'phone', 'purchase_history'],
    regulators: ['OAIC', 'AFP'],
    description: `Sample data. Names, emails, delivery and billing addresses, phone numbers and purchase details of some online customers. No card data: payments ran through the CyberSource gateway. Source: ${SOURCES.kmart2015}.`,
  },
];

function daysFromNow(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The invented group's customer base: people at a vendor are shown as a share of it. */
const SAMPLE_CUSTOMER_BASE = 9_500_000;

/** Fills an empty register with the sample, through the same validated, audited calls as any edit. */
export function populateSample(call: ContractCall, now = new Date()): void {
  call('settings.updateScoring', { settings: { ...call('settings.scoring', {}), customerBase: SAMPLE_CUSTOMER_BASE } });
  const categories = new Map(call('categories.list', {}).map((c) => [c.code, c.id]));
  const categoryId = (code: string) => {
    const id = categories.get(code);
    if (id === undefined) throw new Error(`Sample data names an unknown category: ${code}`);
    return id;
  };

  const services = new Map(SERVICES.map(([name, criticality, description, maxOutageHours]) => [name, call('services.save', { service: { name, criticality, description, maxOutageHours } }).id]));

  const ids = new Map<string, number>();
  const created = [...VENDORS].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
  for (const [index, sample] of created.entries()) {
    const { holdings: _h, dependsOn: _d, services: _s, contract: _c, parent, ...fields } = sample;
    const reviewed = sample.direct === false ? {} : { lastAssessed: fields.lastAssessed ?? daysFromNow(-300 - index * 7, now), nextReviewDue: daysFromNow(-20 + index * 23, now) };
    const vendor = call('vendors.create', {
      vendor: { status: 'active', ...fields, ...reviewed, ultimateParentId: parent ? (ids.get(parent) ?? null) : null },
    });
    ids.set(vendor.name, vendor.id);
  }

  for (const sample of VENDORS) {
    const vendorId = ids.get(sample.name)!;
    for (const [code, records, storageCountry, tokenised] of sample.holdings ?? []) {
      call('holdings.save', { holding: { vendorId, categoryId: categoryId(code), records, storageCountry, encrypted: true, tokenised: tokenised ?? false } });
    }
    for (const supplier of sample.dependsOn ?? []) call('dependencies.add', { vendorId, supplierId: ids.get(supplier)!, description: null });
    for (const [service, reliance] of sample.services ?? []) call('services.link', { serviceId: services.get(service)!, vendorId, reliance });
    if (sample.contract) {
      const c = sample.contract;
      call('contracts.save', {
        contract: {
          vendorId,
          reference: c.reference,
          startDate: daysFromNow(-365 * c.startYearsAgo, now),
          endDate: daysFromNow(c.endInDays, now),
          noticeDays: c.noticeDays,
          annualValue: c.annualValue,
          currency: c.currency,
        },
      });
    }
  }

  populateSampleRoi(call, now);
  populateSampleCps230(call, now);

  for (const { vendor, categories: codes, ...incident } of INCIDENTS) {
    call('incidents.save', { incident: { ...incident, vendorId: ids.get(vendor)!, categoryIds: codes.map(categoryId) } });
  }
}
