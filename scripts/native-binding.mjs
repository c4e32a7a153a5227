// Where `npm start` keeps better-sqlite3 built for Electron, and where the app looks for it in development.
// Shared by scripts/native.mjs (which builds it) and electron/main.ts (which passes it to the register process).
// One folder per better-sqlite3 version, Electron version, platform and architecture: upgrading either package
// leads to a fresh build instead of an addon compiled from other sources.
import path from 'node:path';

/**
 * @param {string} root the project folder
 * @param {{ betterSqlite3: string, electron: string, platform: string, arch: string }} versions
 */
export function electronBindingPath(root, { betterSqlite3, electron, platform, arch }) {
  return path.join(root, '.native', `better-sqlite3-${betterSqlite3}-electron-${electron}-${platform}-${arch}`, 'better_sqlite3.node');
}
