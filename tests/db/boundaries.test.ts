// The architecture's import boundaries are lint rules; this proves they fire (and CI lints the whole tree).
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..', '..') });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('db/ may not import electron', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'db/example.ts')).toHaveLength(1);
    expect(await restrictedImports("import { lockDownContents } from '../electron/security';\nexport const x = lockDownContents;\n", 'db/example.ts')).toHaveLength(1);
  });

  it('the renderer may import only the contract and pure helpers from db/', async () => {
    const file = 'renderer/views/Example.tsx';
    expect(await restrictedImports("import { openRegister } from '../../db/connection';\nexport const x = openRegister;\n", file)).toHaveLength(1);
    expect(await restrictedImports("import { createHandlers } from '../../db/handlers';\nexport const x = createHandlers;\n", file)).toHaveLength(1);
    expect(await restrictedImports("import Database from 'better-sqlite3';\nexport const x = Database;\n", file)).toHaveLength(1);
    expect(await restrictedImports("import fs from 'node:fs';\nexport const x = fs;\n", file)).toHaveLength(1);
    expect(await restrictedImports("import { contract } from '../../db/contract';\nimport { SERVICE_TYPE_LABELS } from '../../db/shared/labels';\nexport const x = [contract, SERVICE_TYPE_LABELS];\n", file)).toEqual([]);
  });
});
