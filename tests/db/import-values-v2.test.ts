import { describe, expect, it } from 'vitest';
import { detectDecimal, parseAmount } from '../../db/io/values';

describe('numbers as spreadsheets write them', () => {
  it('reads scale words in the usual languages', () => {
    expect(parseAmount('1 mln')).toEqual({ value: 1_000_000 });
    expect(parseAmount('2.5 Mio')).toEqual({ value: 2_500_000 });
    expect(parseAmount('2,5 Mio.', 'comma')).toEqual({ value: 2_500_000 });
    expect(parseAmount('5 mil')).toMatchObject({ value: 5_000_000, warning: expect.stringMatching(/million/) });
    expect(parseAmount('3 Mrd')).toEqual({ value: 3_000_000_000 });
    expect(parseAmount('12k')).toEqual({ value: 12_000 });
  });
  it('returns the currency a cell names', () => {
    expect(parseAmount('USD 250,000')).toEqual({ value: 250_000, currency: 'USD' });
    expect(parseAmount('250.000 EUR', 'comma')).toEqual({ value: 250_000, currency: 'EUR' });
    expect(parseAmount('€1.2M')).toEqual({ value: 1_200_000, currency: 'EUR' });
    expect(parseAmount('A$480,000.50')).toEqual({ value: 480_000.5, currency: 'AUD' });
    expect(parseAmount('$1,200')).toEqual({ value: 1_200 });
  });
  it('reads decimal commas when told to', () => {
    expect(parseAmount('1.250', 'comma')).toEqual({ value: 1_250 });
    expect(parseAmount('1.250')).toEqual({ value: 1.25 });
    expect(parseAmount('1.234.567,89', 'comma')).toEqual({ value: 1_234_567.89 });
    expect(parseAmount('1 234,5', 'comma')).toEqual({ value: 1_234.5 });
    expect(parseAmount('1,234.5', 'comma')).toHaveProperty('error');
  });
  it('detects the decimal mark from telling numbers only', () => {
    expect(detectDecimal(['1.250', '12,5'])).toEqual({ decimal: 'comma', evidence: '12,5', conflict: false });
    expect(detectDecimal(['1,250', '1,234.5'])).toEqual({ decimal: 'point', evidence: '1,234.5', conflict: false });
    expect(detectDecimal(['1.250', '1,250'])).toEqual({ decimal: null, evidence: null, conflict: false });
  });
});
