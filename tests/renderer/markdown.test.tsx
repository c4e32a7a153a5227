// The method page bundled under Help: docs/scoring.md read into blocks, nothing lost that a reader needs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../renderer/help/markdown';

describe('the Help view’s Markdown reader', () => {
  it('reads docs/scoring.md into headings, paragraphs, lists, tables and code', () => {
    const blocks = parseMarkdown(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'scoring.md'), 'utf8'));
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text : ''));
    expect(headings).toContain('Dependency share');
    expect(headings).toContain('Worked example');
    const table = blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' ? table.rows.length : 0).toBeGreaterThan(2);
    expect(blocks.some((b) => b.kind === 'code' && b.text.includes('HHI: 4660.0'))).toBe(true);
    expect(blocks.some((b) => b.kind === 'list' && b.items.length > 2)).toBe(true);
    expect(JSON.stringify(blocks)).not.toContain('**');
  });

  it('reads bold, italic, code and links inline', () => {
    expect(parseInline('a **b** *c* `d` [e](f)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'e', href: 'f' },
    ]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ kind: 'text', text: '2 * 3 * 4' }]);
  });
});
