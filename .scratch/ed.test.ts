import { join } from 'node:path';
import { it } from 'vitest';
import { createDemoDatabase } from '../src-main/demo/create';
import { openApp } from '../src-main/app';
import { expectedDiary } from '../tests/helpers/expected-diary';
import { localFullPayload } from '../tests/helpers/export';
import { canonicalDiary } from '../src-shared/export/keys';
import { migrationsFolder, resourcesDir, tempDir } from '../tests/helpers/app';
it('times', async () => {
  const dir = tempDir(); const now = () => new Date('2026-09-04T07:00:00Z');
  await createDemoDatabase(join(dir, 's.db'), { big: false, today: '2026-09-04', now });
  const app = openApp({ dbFile: join(dir, 's.db'), migrationsFolder, resourcesDir, now });
  for (let i = 0; i < 3; i++) {
    let t = performance.now(); const e = expectedDiary(app.services.sqlite, '2026-09-04'); const t1 = performance.now() - t;
    t = performance.now(); const f = canonicalDiary(await localFullPayload(app.services, '2026-09-04')); const t2 = performance.now() - t;
    console.log('expected', Math.round(t1), 'full', Math.round(t2), e.cells.length, e.lessons.length, e.people.length);
  }
}, 60000);
