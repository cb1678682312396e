// The layering rule only helps while it fires: lint fake files through the repository's real
// eslint.config.js, so a config edit that drops or weakens the rule fails here, not silently.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  // An ignored path would come back with no messages and prove nothing.
  expect(result?.messages.some((m) => m.message.includes('ignored'))).toBe(false);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('layering rule (DESIGN.md §4)', () => {
  it('rejects a renderer file importing src-main', async () => {
    const errors = await layerErrors('src-renderer/pages/fake.tsx', "import { openApp } from '../../src-main/app';\nexport const x = openApp;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src-renderer must not import src-main/);
  });

  it('rejects a services file importing electron', async () => {
    const errors = await layerErrors('src-main/services/journal/fake.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/only src-main\/hosts\/electron may import 'electron'/);
  });

  it('resolves relative paths: a service reaching a host adapter is caught', async () => {
    const errors = await layerErrors('src-main/services/journal/fake.ts', "export { startHttpHost } from '../../hosts/http/server';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src-main\/services must not import src-main\/hosts/);
  });

  it('catches dynamic import, require and type-only imports too', async () => {
    const code = [
      "export const a = () => import('node:fs');",
      "export const b = require('../db/client');",
      "import type { App } from '../src-main/app';",
      'export type C = App;',
    ].join('\n');
    expect(await layerErrors('src-renderer/fake.ts', code)).toHaveLength(3);
  });

  it('keeps src-shared self-contained', async () => {
    const code = "import { z } from 'zod';\nimport { x } from './errors';\nimport { readFileSync } from 'node:fs';\nimport { y } from '../db/client';\nexport const all = [z, x, y, readFileSync];\n";
    expect(await layerErrors('src-shared/fake.ts', code)).toHaveLength(2);
  });

  it('keeps db away from hosts and the renderer', async () => {
    const errors = await layerErrors('db/fake.ts', "import { CSP } from '../src-main/hosts/csp';\nexport const x = CSP;\n");
    expect(errors).toHaveLength(1);
  });

  // One import per case, so each rule is seen firing (or not) on its own.
  const one = (specifier: string) => `import * as m from '${specifier}';\nexport const x = m;\n`;
  const cases: [file: string, specifier: string, forbidden: boolean][] = [
    // src-shared: zod only.
    ['src-shared/rpc/fake.ts', 'zod', false],
    ['src-shared/rpc/fake.ts', '../domain', false],
    ['src-shared/rpc/fake.ts', 'fflate', true],
    ['src-shared/rpc/fake.ts', 'drizzle-orm', true],
    ['src-shared/rpc/fake.ts', 'node:crypto', true],
    ['src-shared/rpc/fake.ts', 'react', true],
    // renderer: no Node, no native driver, ORM or PDF writer; plain browser packages are fine.
    ['src-renderer/journal/fake.tsx', 'node:path', true],
    ['src-renderer/journal/fake.tsx', 'fs', true],
    ['src-renderer/journal/fake.tsx', 'better-sqlite3', true],
    ['src-renderer/journal/fake.tsx', 'pdfkit', true],
    ['src-renderer/journal/fake.tsx', 'drizzle-orm/sqlite-core', true],
    ['src-renderer/journal/fake.tsx', 'fflate', false],
    ['src-renderer/journal/fake.tsx', '@tanstack/react-table', false],
    ['src-renderer/journal/fake.tsx', 'react-dom/client', false],
    ['src-renderer/journal/fake.tsx', '../../src-shared/domain', false],
    // db: drizzle, the driver and Node; nothing of src-main (services, rpc, hosts, the rest).
    ['db/schema/fake.ts', 'drizzle-orm/sqlite-core', false],
    ['db/fake.ts', 'better-sqlite3', false],
    ['db/fake.ts', 'node:fs', false],
    ['db/fake.ts', './schema', false],
    ['db/fake.ts', '../src-main/services/mutate', true],
    ['db/fake.ts', '../src-main/rpc/router', true],
    ['db/fake.ts', '../src-main/hosts/http/server', true],
    ['db/fake.ts', '../src-main/demo/create', true],
    ['db/fake.ts', 'pdfkit', true],
    ['db/fake.ts', '../src-renderer/main', true],
  ];
  it.each(cases)('%s importing %s: forbidden = %s', async (file, specifier, forbidden) => {
    expect(await layerErrors(file, one(specifier))).toHaveLength(forbidden ? 1 : 0);
  });

  it('allows what the layers are for (so the rule is not just failing everything)', async () => {
    expect(await layerErrors('src-main/hosts/electron/fake.ts', "import { app } from 'electron';\nimport { openApp } from '../../app';\nexport const x = [app, openApp];\n")).toEqual([]);
    expect(await layerErrors('src-renderer/fake.ts', "import { z } from 'zod';\nimport type { Envelope } from '../src-shared/errors';\nexport type E = Envelope<unknown>;\nexport const s = z;\n")).toEqual([]);
    expect(await layerErrors('src-main/services/journal/fake.ts', "import { openDatabase } from '../../../db/client';\nimport { join } from 'node:path';\nexport const x = [openDatabase, join];\n")).toEqual([]);
  });
});
