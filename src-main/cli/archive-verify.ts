// npm run archive:verify -- DIR [--key KEY]
// Checks a year-end archive folder against its signed manifest and prints one line: the verdict
// in Russian and English. Exit code 0: intact; 1: the archive failed a check; 2: bad usage.
// --key pins the school's public key (base64) or its fingerprint, as shown in the app: without
// it the signature is checked with the key the manifest itself names.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyArchive, verdictLine } from '../services/archive/verify';

const USAGE = `Использование / usage:
  npm run archive:verify -- ПАПКА [--key КЛЮЧ_ИЛИ_ОТПЕЧАТОК]

  ПАПКА   папка архива года (в ней manifest.json и manifest.sig)
  --key   открытый ключ школы (base64) или его отпечаток: архив должен быть подписан именно им`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { key: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true });
  } catch (e) {
    console.error(`archive:verify: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [dir, ...rest] = args.positionals;
  if (!dir || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const full = resolve(dir);
  try {
    if (!statSync(full).isDirectory()) throw new Error();
  } catch {
    console.error(`archive:verify: папки ${full} нет / no such folder`);
    return 2;
  }
  const v = await verifyArchive(full, args.values.key === undefined ? {} : { publicKey: args.values.key });
  console.log(verdictLine(v));
  for (const p of v.problems.slice(1, 20)) console.log(`  - ${p.message}`);
  return v.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`archive:verify: ${(e as Error).message}`);
    process.exit(2);
  },
);
