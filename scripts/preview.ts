// npm run preview -- <register file> [--port N] [--no-build] [--sample]
// Builds the renderer and serves it with the register API on 127.0.0.1, for using the app in a browser. The address it
// prints carries a secret made for this run; nothing is served without it.
import { execSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RegisterFileError } from '../db/connection';
import { CONTENT_SECURITY_POLICY_HEADER, CONTENT_TYPES } from '../electron/csp';
import { startPreviewServer } from '../db/preview/server';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
    sample: { type: 'boolean', default: false },
    // For the e2e tests: lets them open another register, as the app's File menu does.
    'register-switching': { type: 'boolean', default: false },
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
  const preview = await startPreviewServer({
    registerPath: path.resolve(registerPath),
    sample: values.sample,
    staticDir: path.join(root, 'dist', 'renderer'),
    pageHeaders: { contentSecurityPolicy: CONTENT_SECURITY_POLICY_HEADER, contentTypes: CONTENT_TYPES },
    port: Number(values.port),
    registerSwitching: values['register-switching'],
  });
  console.log(`Vendor Risk Register preview: ${preview.url}  (register: ${path.resolve(registerPath)})`);
  console.log('Open that address (it includes this run’s key) in a browser on this computer. Ctrl+C stops the preview.');
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof RegisterFileError ? error.message : error);
  process.exit(1);
}
