// What the local journal would put on the portal now: the full package built (not queued)
// and read back, the form the tests compare the portal's diary with.
import { gunzipSync } from 'node:zlib';
import type { Services } from '../../src-main/services/context';
import { buildFullPackage } from '../../src-main/services/export/full';
import { yearRef } from '../../src-main/services/export/outbox';
import type { ExportPackage, PackagePayload } from '../../src-shared/export/package';

export function readPackage(body: Buffer): ExportPackage {
  return JSON.parse(gunzipSync(body).toString('utf8')) as ExportPackage;
}

export async function localFullPayload(services: Services, today: string): Promise<PackagePayload> {
  const ctx = { ...services, actor: null };
  return readPackage((await buildFullPackage(ctx, yearRef(ctx, today), today)).body).payload;
}
