// npm run preview -- <register file> [--port N] [--no-build]
// Builds the renderer and serves it with the register API on 127.0.0.1, for trying the UI in a browser.
import { execSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RegisterFileError } from '../db/connection';
import { startHarness } from '../tests/harness/server';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
    sample: { type: 'boolean', default: false },
  },
});

const registerPath = positionals[0];
if (!registerPath) {
  console.error(
    'Usage: npm run preview -- <register file.vrr> [--port 5199] [--no-build] [--sample]\nA missing file is created as a new register: empty, or with --sample filled with the sample data.',
  );
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '..');
if (!values['no-build']) execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });

try {
  const harness = await startHarness({
    registerPath: path.resolve(registerPath),
    sample: values.sample,
    staticDir: path.join(root, 'dist', 'renderer'),
    port: Number(values.port),
  });
  console.log(`Vendor Risk Register preview: ${harness.url}  (register: ${path.resolve(registerPath)})`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof RegisterFileError ? error.message : error);
  process.exit(1);
}
