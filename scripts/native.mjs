// Keeps better-sqlite3 usable by both runtimes without manual steps:
//   node scripts/native.mjs node      — node_modules holds a build for this Node (rebuilt if, e.g., packaging
//                                       left an Electron build there); used by npm test, preview, bench.
//   node scripts/native.mjs electron  — .native/better-sqlite3-<version>-electron-<version>-<platform>-<arch>/ holds
//                                       a build for Electron, beside the Node one; the app loads it in development.
// Packaged apps get their own Electron build from electron-builder.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { electronBindingPath } from './native-binding.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function nodeBuildWorks() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  return probe.status === 0;
}

function ensureNodeBuild() {
  if (nodeBuildWorks()) return;
  console.log(`better-sqlite3 is not built for Node ${process.version}; rebuilding it (a few minutes when built from source)…`);
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (!nodeBuildWorks()) throw new Error('better-sqlite3 still does not load under Node after a rebuild. See the output above.');
}

const packageVersion = (name) => JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

function ensureElectronBuild() {
  const version = packageVersion('electron');
  const target = electronBindingPath(root, { betterSqlite3: packageVersion('better-sqlite3'), electron: version, platform: process.platform, arch: process.arch });
  if (fs.existsSync(target)) return;

  // Build in a copy of the module, so the Node build in node_modules stays as it is.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-native-'));
  const copy = path.join(work, 'better-sqlite3');
  fs.cpSync(moduleDir, copy, { recursive: true, filter: (src) => !src.startsWith(path.join(moduleDir, 'build')) });
  // npm's nodedir (the Node headers) must not leak into a build against Electron's headers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$/i.test(key)));
  const run = (file, args) => spawnSync(process.execPath, [file, ...args], { cwd: copy, stdio: 'inherit', env }).status === 0;

  console.log(`Preparing better-sqlite3 for Electron ${version}…`);
  const prebuilt = run(require.resolve('prebuild-install/bin.js'), ['--runtime', 'electron', '--target', version, '--arch', process.arch]);
  const built =
    prebuilt ||
    run(require.resolve('node-gyp/bin/node-gyp.js'), [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${version}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  const output = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !fs.existsSync(output)) {
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(`Could not prepare better-sqlite3 for Electron ${version}: neither a prebuilt binary nor a source build succeeded.`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(output, target);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`better-sqlite3 for Electron ${version}: ${path.relative(root, target)}`);
}

const runtime = process.argv[2];
if (runtime === 'node') ensureNodeBuild();
else if (runtime === 'electron') ensureElectronBuild();
else {
  console.error('Usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
