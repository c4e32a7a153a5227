// The packaging configuration as electron-builder itself checks and applies it. Electron and the builder's tools
// (fpm, NSIS, the AppImage runtime) cannot be downloaded here, so:
// - the deb is taken up to the fpm command line (electron-builder's own test hook stops it there): its metadata
//   checks ("Please specify project homepage", the maintainer) run, and its desktop entry and MIME file are written;
// - the app is packaged for real into a folder (the `dir` target) around a stand-in Electron distribution, without
//   the rebuild for Electron and the fuses (both need the real Electron), to see what lands in app.asar and beside it.
// Windows (NSIS downloads its tools first) and macOS (dmg needs macOS) are checked as configuration only.
import { listPackage } from '@electron/asar';
import { build, Platform, type Configuration } from 'electron-builder';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-packaging-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const packageJson = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as Record<string, unknown>;

/** What electron-builder hands to fpm for the deb, with the files it wrote for it, read before they are cleaned up. */
async function debAsBuilt(): Promise<{ args: string[]; desktopEntry: string; files: Map<string, string> }> {
  const prepackaged = path.join(work, 'linux-unpacked');
  fs.mkdirSync(path.join(prepackaged, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(prepackaged, 'vendor-risk-register'), '#!/bin/sh\n', { mode: 0o755 });
  let seen: { args: string[]; desktopEntry: string; files: Map<string, string> } | null = null;
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget(['deb'], 1),
    prepackaged,
    config: { directories: { output: path.join(work, 'deb') } },
    publish: 'never',
    effectiveOptionComputed: async (computed: unknown) => {
      const [args, desktopFile] = computed as [string[], string];
      const files = new Map<string, string>();
      for (const arg of args) {
        const [source, destination] = arg.split('=');
        if (destination && fs.existsSync(source!) && fs.statSync(source!).isFile() && /\.(xml|desktop)$/.test(destination)) files.set(destination, fs.readFileSync(source!, 'utf8'));
      }
      const afterInstall = args[args.indexOf('--after-install') + 1]!;
      files.set('after-install', fs.readFileSync(afterInstall, 'utf8'));
      seen = { args, desktopEntry: fs.readFileSync(desktopFile, 'utf8'), files };
      return true; // stop before fpm, which would be downloaded
    },
  });
  if (!seen) throw new Error('electron-builder did not reach the deb command line.');
  return seen;
}

describe('packaging (electron-builder)', () => {
  it('builds the deb: homepage, maintainer, the .vrr file type, the Wayland desktop name and the sandbox kept on', { timeout: 60_000 }, async () => {
    expect(packageJson.homepage).toMatch(/^https:\/\//);
    const { args, desktopEntry, files } = await debAsBuilt();
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(option('--url')).toBe(packageJson.homepage);
    expect(option('--maintainer')).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);

    // The .vrr type: a MIME type in the desktop entry and its glob in the shared MIME database.
    expect(desktopEntry).toMatch(/^MimeType=application\/x-vendor-risk-register;$/m);
    expect(files.get('/usr/share/mime/packages/vendor-risk-register.xml')).toMatch(/<mime-type type="application\/x-vendor-risk-register">[\s\S]*<glob pattern="\*\.vrr"\/>/);
    // Files arrive as %U URIs (the app turns them into paths); the sandbox is never switched off.
    expect(desktopEntry).toMatch(/^Exec=.*vendor-risk-register" %U$/m);
    expect(desktopEntry).not.toMatch(/no-sandbox/);
    // desktopName is Electron's Wayland app_id: the installed entry and StartupWMClass must match it.
    expect(packageJson.desktopName).toBe('vendor-risk-register.desktop');
    expect(desktopEntry).toMatch(/^StartupWMClass=vendor-risk-register$/m);
    expect([...files.keys()]).toContain('/usr/share/applications/vendor-risk-register.desktop');
    // The deb sets up Chromium's sandbox helper (and its AppArmor profile where the system restricts user namespaces).
    expect(files.get('after-install')).toMatch(/chrome-sandbox/);
    expect(files.get('after-install')).toMatch(/apparmor/i);
  });

  it('associates .vrr on every target and hardens the Electron binary with fuses', async () => {
    // js-yaml is the YAML reader electron-builder itself uses.
    const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
    const config = load(fs.readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8')) as Configuration;
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'vrr', mimeType: 'application/x-vendor-risk-register', role: 'Editor' })]);
    // Platform sections inherit the top-level associations unless they replace them; none does.
    for (const platform of ['linux', 'win', 'mac'] as const) expect(config[platform]).not.toHaveProperty('fileAssociations');
    expect(config.linux?.target).toEqual(['deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
  });

  it('packages the built app into app.asar with better-sqlite3’s addon unpacked beside it', { timeout: 180_000 }, async () => {
    for (const built of ['dist/electron/main.cjs', 'dist/electron/db-host.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      if (!fs.existsSync(path.join(projectDir, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
    }
    // A stand-in for the Electron distribution electron-builder would download.
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(electronDist, 'chrome-sandbox'), '');
    fs.writeFileSync(path.join(electronDist, 'LICENSE'), '');

    const output = path.join(work, 'dir');
    await build({
      projectDir,
      targets: Platform.LINUX.createTarget(['dir'], 1),
      config: { directories: { output }, electronDist, npmRebuild: false, electronFuses: null },
      publish: 'never',
    });
    const resources = path.join(output, 'linux-unpacked', 'resources');
    const inAsar = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));
    expect(inAsar).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/main.cjs', '/dist/electron/db-host.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/assets/icon.png']));
    expect(inAsar.filter((entry) => /^\/dist\/.*\.map$/.test(entry) || /^\/(db|electron|renderer|tests|scripts)\//.test(entry))).toEqual([]);
    const main = (JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { main: string }).main;
    expect(inAsar).toContain(`/${main}`);

    const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'lib', 'index.js'))).toBe(true);
    // Sources and test builds of the addon are not shipped.
    expect(fs.existsSync(path.join(unpacked, 'deps'))).toBe(false);
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'test_extension.node'))).toBe(false);
  });
});
