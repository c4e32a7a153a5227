// axe-core in a page under test: the critical and serious violations on the page as it is now, one line each.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Needs a context made with `bypassCSP: true`: the page's CSP forbids script it did not ship. */
export async function violations(page: Page): Promise<string[]> {
  const result = (await page.evaluate(async (source) => {
    if (!(window as unknown as { axe?: unknown }).axe) new Function(source)();
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  }, AXE)) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
