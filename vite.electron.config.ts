// Bundles the Electron side into dist/electron as CommonJS:
//   --mode main     main.cjs, db-host.cjs (the utility process that owns the register) and db-analyst.cjs (its
//                   worker threads for long calls)
//   --mode preload  preload.cjs, one self-contained file (sandboxed preloads cannot load local modules)
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const external = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => ({
  build: {
    outDir: 'dist/electron',
    emptyOutDir: mode === 'main',
    target: 'node22',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    lib: {
      entry: (mode === 'preload'
        ? { preload: 'electron/preload.ts' }
        : { main: 'electron/main.ts', 'db-host': 'electron/db-host.ts', 'db-analyst': 'db/analyst-worker.ts' }) as Record<string, string>,
      formats: ['cjs'],
      fileName: (_format, name) => `${name}.cjs`,
    },
    rollupOptions: { external },
  },
}));
