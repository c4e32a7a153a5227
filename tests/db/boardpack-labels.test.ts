import { describe, expect, it } from 'vitest';
import { fitLabel, svgBars } from '../../db/boardpack';

describe('board pack bar labels', () => {
  it('keep the start of a long name, shortened at the end with a key number, and give the whole name in the key and the tooltip', () => {
    const long = 'Harbourline Customer Care Outsourcing Services (Asia Pacific) Pty Ltd';
    const svg = svgBars('Top vendors', [{ label: long, value: 40, colour: '#123456' }, { label: 'Stratus Cloud (3)', value: 20, colour: '#123456' }], 'Share (%)', { labelWidth: 224 });
    const visible = [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*><title>[^<]*<\/title>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(visible[0]!.startsWith('Harbourline Customer Care')).toBe(true);
    expect(visible[0]!.endsWith('… [1]')).toBe(true);
    expect([...visible[0]!].length).toBeLessThanOrEqual(32);
    expect(visible[1]).toBe('Stratus Cloud (3)');
    expect(svg).toContain(`<title>${long}</title>`);
    expect(svg).toContain(`Key: [1] ${long}</figcaption>`);
    // Drawn at its printed size: 1 unit is 1 CSS px, so 12 px labels print at 9 pt.
    expect(svg).toMatch(/<svg[^>]* width="960" height="\d+"/);
    for (const size of svg.matchAll(/font-size="(\d+)"/g)) expect(Number(size[1])).toBeGreaterThanOrEqual(12);
    expect(fitLabel('Stratus Cloud (3)')).toBe('Stratus Cloud (3)');
    expect(fitLabel('漢'.repeat(40))).toBe(`${'漢'.repeat(31)}…`);
  });
});
