// Starting the preview harness as a separate process and a headless Chromium to drive it.
// Used by the e2e tests and `npm run screenshots`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PreviewProcess {
  /** The address the preview printed, with this run's secret, ending in "/": `${url}api/<method>` is the API. */
  url: string;
  child: ChildProcess;
  /** Stops the harness (SIGTERM) and waits until it has closed the register. */
  stop(): Promise<void>;
}

/** Starts `scripts/preview.ts --no-build` on a register file, as a user would, and resolves with the address it prints. */
export function startPreview(registerPath: string, options: { sample?: boolean; registerSwitching?: boolean } = {}): Promise<PreviewProcess> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The renderer is not built: run `npx vite build` (npm test does it first).');
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'preview.ts'), '--no-build', ...(options.sample ? ['--sample'] : []), ...(options.registerSwitching ? ['--register-switching'] : []), registerPath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /preview: (http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        resolve({
          url: match[1]!,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              const force = setTimeout(() => child.kill('SIGKILL'), 5000);
              child.once('exit', () => {
                clearTimeout(force);
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The preview exited (code ${code}) before it was ready:\n${output}`)));
  });
}

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}
