// Runs an Electron utility-process entry (a bundled .cjs file) under plain Node, the way Electron runs it:
//   node utility-process-child.mjs <entry.cjs>       started with child_process.fork(..., { serialization: 'advanced' })
// - process.parentPort delivers the parent's messages as `{ data }` events and sends answers back, as in Electron;
// - with VRR_ONLY_NATIVE_ADDON set, that file is the only native addon the process can load: every other .node file
//   (better-sqlite3's default build in node_modules) fails as an addon built for another runtime does in Electron.
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const entry = process.argv[2];
if (!entry) throw new Error('Usage: node utility-process-child.mjs <entry.cjs>');

const onlyAddon = process.env.VRR_ONLY_NATIVE_ADDON;
if (onlyAddon) {
  const extensions = /** @type {Record<string, (module: unknown, filename: string) => void>} */ (/** @type {unknown} */ (Module)._extensions);
  const loadAddon = extensions['.node'];
  extensions['.node'] = (module, filename) => {
    if (path.resolve(filename) !== path.resolve(onlyAddon)) {
      throw new Error(`The module '${filename}' was compiled against a different Node.js version (only ${onlyAddon} can be loaded here).`);
    }
    return loadAddon(module, filename);
  };
}

const parentPort = new EventEmitter();
Object.assign(parentPort, { postMessage: (/** @type {unknown} */ message) => process.send?.(message) });
process.on('message', (data) => parentPort.emit('message', { data }));
Object.assign(process, { parentPort });

createRequire(import.meta.url)(path.resolve(entry));
