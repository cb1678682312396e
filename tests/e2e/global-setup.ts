// One demo school per run: a fresh temp database, the real server, stopped afterwards.
import type { FullConfig } from '@playwright/test';
import { startServer } from './server';

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const server = await startServer('demo');
  // Workers start after this and inherit the variable.
  process.env.ZHURNAL_E2E_URL = server.url;
  // Specs that arrange data the UI cannot create yet write into the server's own temp database.
  process.env.ZHURNAL_E2E_DB = server.dbFile;
  return () => server.stop();
}
