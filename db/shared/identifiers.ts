// Check-digit validation for the identifiers a vendor record carries.

/** ISO 17442 Legal Entity Identifier: 18 alphanumerics + 2 check digits, ISO 7064 MOD 97-10. */
export function isValidLei(lei: string): boolean {
  return /^[A-Z0-9]{18}[0-9]{2}$/.test(lei) && mod97(lei) === 1;
}

/** ISO 7064 MOD 97-10 remainder of an alphanumeric string, letters counting A=10 … Z=35. */
function mod97(value: string): number {
  let remainder = 0;
  for (const ch of value) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/** Australian Business Number: 11 digits, weighted sum (first digit minus 1) divisible by 89. */
export function isValidAbn(abn: string): boolean {
  if (!/^\d{11}$/.test(abn)) return false;
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const sum = weights.reduce((acc, w, i) => acc + w * (Number(abn[i]) - (i === 0 ? 1 : 0)), 0);
  return sum % 89 === 0;
}

/** Australian Company Number: 9 digits, the last a complement-of-10 check digit. */
export function isValidAcn(acn: string): boolean {
  if (!/^\d{9}$/.test(acn)) return false;
  const sum = [8, 7, 6, 5, 4, 3, 2, 1].reduce((acc, w, i) => acc + w * Number(acn[i]), 0);
  return (10 - (sum % 10)) % 10 === Number(acn[8]);
}

/** Identifiers are typed with spaces and lower case; store them compact and upper case. */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Completes an 18-character LEI base with its two ISO 7064 MOD 97-10 check digits (for made-up sample identifiers). */
export function withLeiCheckDigits(base: string): string {
  return `${base}${String(98 - mod97(`${base}00`)).padStart(2, '0')}`;
}
