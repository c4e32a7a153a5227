// The default data categories and their sensitivity weights, after the ENISA breach-severity data-context scale.
// A register stores its own copy (editable); these are what "restore defaults" brings back.
export interface DefaultCategory {
  code: string;
  label: string;
  weight: number;
  /** Exposure of this category is likely to make a breach notifiable (serious harm). */
  notifiable: boolean;
}

export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  { code: 'name', label: 'Name', weight: 1, notifiable: false },
  { code: 'email', label: 'Email address', weight: 1, notifiable: false },
  { code: 'phone', label: 'Phone number', weight: 1, notifiable: false },
  { code: 'postal_address', label: 'Postal address', weight: 1, notifiable: false },
  { code: 'date_of_birth', label: 'Date of birth', weight: 1.5, notifiable: false },
  { code: 'loyalty', label: 'Loyalty / frequent flyer number, points, status', weight: 1.5, notifiable: false },
  { code: 'travel', label: 'Booking / travel itinerary, boarding pass', weight: 2, notifiable: false },
  { code: 'purchase_history', label: 'Purchase history', weight: 2, notifiable: false },
  { code: 'location', label: 'Location', weight: 2, notifiable: false },
  { code: 'credentials', label: 'Account credentials', weight: 2, notifiable: true },
  { code: 'credentials_money', label: 'Account credentials giving access to money', weight: 4, notifiable: true },
  { code: 'government_id', label: 'Passport, driver licence or other government ID', weight: 3, notifiable: true },
  { code: 'bank_account', label: 'Bank account', weight: 3, notifiable: true },
  { code: 'tax_id', label: 'Tax file number / SSN', weight: 3.5, notifiable: true },
  { code: 'payment_card', label: 'Full payment card (PAN + expiry + CVV)', weight: 4, notifiable: true },
  { code: 'health_biometric', label: 'Health, biometric or genetic data', weight: 4, notifiable: true },
  { code: 'tokenised_card', label: 'Tokenised / truncated card', weight: 1, notifiable: false },
];
