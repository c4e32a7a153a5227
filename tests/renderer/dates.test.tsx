import { describe, expect, it } from 'vitest';
import { incidentClocks } from '../../db/shared/clocks';
import { readTypedDate, typedDate } from '../../renderer/components/DateInput';

describe('typed dates', () => {
  it('reads the register order, ISO and month names, and keeps what it cannot read as typed', () => {
    expect(readTypedDate('30/06/2025', 'dmy', false)).toBe('2025-06-30');
    expect(readTypedDate('06/30/2025', 'mdy', false)).toBe('2025-06-30');
    expect(readTypedDate('2025-06-30', 'mdy', false)).toBe('2025-06-30');
    expect(readTypedDate('30 Jun 2025', 'mdy', false)).toBe('2025-06-30');
    expect(readTypedDate('30/06/2025 14:30', 'dmy', true)).toBe('2025-06-30T14:30');
    expect(readTypedDate('31/02/2025', 'dmy', false)).toBe('31/02/2025');
    expect(readTypedDate('06/30/2025', 'dmy', false)).toBe('06/30/2025');
  });

  it('shows a stored date back in the register order', () => {
    expect(typedDate('2025-06-30', 'dmy')).toBe('30/06/2025');
    expect(typedDate('2025-06-30', 'mdy')).toBe('06/30/2025');
    expect(typedDate('2025-06-30T14:30', 'dmy')).toBe('30/06/2025 14:30');
    expect(typedDate(null, 'dmy')).toBe('');
  });

  it('an incident form holding a date not yet readable computes no clock rather than failing', () => {
    expect(incidentClocks({ occurredFrom: null, vendorDetected: '31/02/2025', weWereTold: '31/02/2025', contained: null })).toEqual({
      notificationLagDays: null,
      daysToContain: null,
      oaicAssessmentDue: null,
      gdprDeadline: null,
    });
  });
});
