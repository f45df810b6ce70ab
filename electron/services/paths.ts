import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the app keeps its files when run outside Electron (Electron passes app.getPath('userData')). */
export function defaultDataDir(): string {
  if (process.env.CONSORTIA_DATA_DIR) return process.env.CONSORTIA_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Consortia');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Consortia');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Consortia');
}
