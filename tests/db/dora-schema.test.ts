// The schema of the DORA RoI templates is consistent with itself and with the published DPM 4.0 column counts.
import { describe, expect, it } from 'vitest';
import { DORA_TEMPLATES, DORA_TEMPLATE_IDS, doraTemplate } from '../../db/regulatory/dora-schema';

/** Columns per template in DPM 4.0 (annotated templates; B_05.01 has 12 since the final ITS, B_99.01 has 19). */
const DPM_COLUMN_COUNTS: Record<string, number> = {
  'B_01.01': 6, 'B_01.02': 11, 'B_01.03': 4, 'B_02.01': 5, 'B_02.02': 18, 'B_02.03': 3, 'B_03.01': 3, 'B_03.02': 3,
  'B_03.03': 3, 'B_04.01': 4, 'B_05.01': 12, 'B_05.02': 7, 'B_06.01': 10, 'B_07.01': 12, 'B_99.01': 19,
};

describe('DORA RoI schema', () => {
  it('lists every template once, in order, with the DPM 4.0 column counts', () => {
    expect(DORA_TEMPLATES.map((t) => t.id)).toEqual([...DORA_TEMPLATE_IDS]);
    for (const t of DORA_TEMPLATES) expect(t.columns.length, t.id).toBe(DPM_COLUMN_COUNTS[t.id]);
  });

  it('has four-digit codes in ascending order, unique within a template', () => {
    for (const t of DORA_TEMPLATES) {
      const codes = t.columns.map((c) => c.code);
      expect(codes.every((c) => /^\d{4}$/.test(c)), t.id).toBe(true);
      expect([...codes].sort(), t.id).toEqual(codes);
      expect(new Set(codes).size, t.id).toBe(codes.length);
    }
  });

  it('keeps the DPM codes that differ from the ITS text (B_03.03 link 0031, B_06.01 criticality 0050)', () => {
    expect(doraTemplate('B_03.03').columns.map((c) => c.code)).toEqual(['0010', '0020', '0031']);
    expect(doraTemplate('B_06.01').columns.find((c) => c.code === '0050')!.label).toMatch(/Criticality/);
  });

  it('names only existing columns in keys, and foreign keys point at the referenced template’s key', () => {
    for (const t of DORA_TEMPLATES) {
      const codes = new Set(t.columns.map((c) => c.code));
      for (const k of t.key) expect(codes.has(k), `${t.id} key ${k}`).toBe(true);
      for (const fk of t.foreignKeys) {
        for (const c of fk.columns) expect(codes.has(c), `${t.id} fk ${c}`).toBe(true);
        expect(fk.referencedColumns, `${t.id} → ${fk.references}`).toEqual(doraTemplate(fk.references).key);
      }
    }
  });

  it('makes the B_02.02 location columns part of its key (so they can never be empty)', () => {
    expect(doraTemplate('B_02.02').key).toEqual(expect.arrayContaining(['0130', '0150', '0160']));
  });
});
