// Entry point of the utility process that owns the open register (see db/host.ts).
import path from 'node:path';
import { serveRegister, type HostPort } from '../db/host';

serveRegister(process.parentPort as unknown as HostPort, {
  nativeBinding: process.env.VRR_NATIVE_BINDING || undefined,
  backupDir: process.env.VRR_BACKUP_DIR || undefined,
  // Bundled beside this file (vite.electron.config.ts).
  analystEntry: path.join(__dirname, 'db-analyst.cjs'),
});
