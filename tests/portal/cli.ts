// npm run portal -- --db FILE [--port N] [--token T] [--log] [fault flags] (DESIGN.md §8).
// Fault flags, all optional: --drop-request N --drop-response N --fail-5xx N --fail-mid-apply N
// --delay-ms MS --delay-count N --duplicate N --fault-scope packages|api, and the seeded random
// mode --seed S [--p-drop P] [--p-drop-response P] [--p-5xx P] [--p-delay P] [--p-duplicate P]
// [--random-delay-ms MS]. Faults can also be switched at run time with POST /__faults.
import { parseArgs } from '../../src-main/cli/paths';
import type { FaultsInput } from './faults';
import { startPortal } from './server';

export const DEFAULT_TOKEN = 'demo-portal-token';
/** The port when --port is not given, so a demo's portal URL stays the same between runs. */
export const DEFAULT_PORT = 8790;

function num(args: Record<string, string | true>, name: string): number | undefined {
  const v = args[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isFinite(n)) throw new Error(`--${name} needs a number`);
  return n;
}

export function faultsFromArgs(args: Record<string, string | true>): FaultsInput {
  const f: FaultsInput = {
    dropRequest: num(args, 'drop-request'),
    dropResponse: num(args, 'drop-response'),
    fail5xx: num(args, 'fail-5xx'),
    failMidApply: num(args, 'fail-mid-apply'),
    delayMs: num(args, 'delay-ms'),
    delayCount: num(args, 'delay-count'),
    duplicate: num(args, 'duplicate'),
  };
  if (args['fault-scope'] === 'api' || args['fault-scope'] === 'packages') f.scope = args['fault-scope'];
  const seed = num(args, 'seed');
  if (seed !== undefined)
    f.random = {
      seed,
      pDrop: num(args, 'p-drop') ?? 0,
      pDropResponse: num(args, 'p-drop-response') ?? 0,
      p5xx: num(args, 'p-5xx') ?? 0,
      pDelay: num(args, 'p-delay') ?? 0,
      pDuplicate: num(args, 'p-duplicate') ?? 0,
      delayMs: num(args, 'random-delay-ms') ?? 0,
    };
  return f;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.db !== 'string') {
    console.error('usage: npm run portal -- --db FILE [--port N] [--token T] [--log] [fault flags, see tests/portal/cli.ts]');
    process.exit(2);
  }
  const portal = await startPortal({
    dbFile: args.db,
    port: num(args, 'port') ?? DEFAULT_PORT,
    token: typeof args.token === 'string' ? args.token : DEFAULT_TOKEN,
    log: args.log === true,
    faults: faultsFromArgs(args),
  });
  // Tests and scripts wait for exactly this line.
  console.log(`portal: ${portal.url}`);
  const stop = () => {
    portal.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1]?.replace(/\\/g, '/').endsWith('tests/portal/cli.ts');
if (isMain)
  main().catch((e: unknown) => {
    console.error(`portal: ${(e as Error).message}`);
    process.exit(1);
  });
