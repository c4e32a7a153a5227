import { describe, expect, it } from 'vitest';
import { fitLabel, svgBars } from '../../db/boardpack';

describe('board pack bar labels', () => {
  it('keep the start of a long name, shortened at the end, with the whole name as the tooltip', () => {
    const long = 'Harbourline Customer Care Outsourcing Services (Asia Pacific) Pty Ltd';
    const svg = svgBars('Top vendors', [{ label: long, value: 40, colour: '#123456' }], 'Share (%)');
    const visible = /<text[^>]*text-anchor="end"[^>]*><title>[^<]*<\/title>([^<]*)<\/text>/.exec(svg)?.[1] ?? '';
    expect(visible.startsWith('Harbourline Customer Care')).toBe(true);
    expect(visible.endsWith('…')).toBe(true);
    expect([...visible].length).toBeLessThanOrEqual(32);
    expect(svg).toContain(`<title>${long}</title>`);
    expect(fitLabel('Stratus Cloud (3)')).toBe('Stratus Cloud (3)');
    expect(fitLabel('漢'.repeat(40))).toBe(`${'漢'.repeat(31)}…`);
  });
});
