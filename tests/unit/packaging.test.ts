// The installer's Electron fuses (ISSUE 9 §10). A misspelt fuse name would be rejected by
// electron-builder only on the packaging machine (which has internet and runs rarely), so the
// names are checked here against electron-builder's own configuration schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
// electron-builder's own YAML reader (a dependency of it), so the file is read as it will be.
const yaml = require('js-yaml') as { load(text: string): unknown };

const config = yaml.load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<string, unknown>;
const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('electron-builder fuses', () => {
  it('turns off every way to run foreign code and pins the app to its asar', () => {
    // Expected values written from the issue, not read back from the file.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('uses only fuse names electron-builder 26 knows', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses as object).filter((k) => !known.includes(k))).toEqual([]);
  });
});
