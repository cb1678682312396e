// npm run serve -- --connect https://ADDRESS:PORT --state DIR [--port N] [--pair CODE] [--name NAME]:
// this PC as a client of the school host (DESIGN.md §8, §10). The same interface as the
// standalone host, on 127.0.0.1, but every call goes to the school host. Kept apart from
// open.ts so the Electron bundle, which opens clients too, never pulls in the build tools.
import { startHttpHost } from '../hosts/http/server';
import { openClient } from '../network/client/open';
import { ensureRendererBuilt } from './build';
import { rendererDist } from './paths';

export interface ServeClientOptions {
  hostUrl: string;
  stateDir: string;
  port?: number | undefined;
  pairCode?: string | undefined;
  name?: string | undefined;
}

export async function serveClient(o: ServeClientOptions): Promise<void> {
  // Pairing first: with --pair, a refused code must end the process before the ready line.
  const client = await openClient({
    stateDir: o.stateDir,
    hostUrl: o.hostUrl,
    ...(o.pairCode ? { pairCode: o.pairCode } : {}),
    ...(o.name ? { name: o.name } : {}),
  });
  await ensureRendererBuilt();
  const { url, server } = await startHttpHost({ router: client.router, staticDir: rendererDist, port: o.port });
  // Tests and scripts wait for exactly this line, as for the standalone host.
  console.log(`zhurnal: ${url}`);
  const stop = () => {
    server.close();
    client.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The command line's client branch: checks its flags, starts, and turns a failure into `zhurnal: <reason>` and exit 1. */
export function runClientCli(args: Record<string, string | true>): void {
  const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
  const hostUrl = str(args.connect);
  const stateDir = str(args.state);
  if (!hostUrl || !stateDir) {
    console.error('usage: npm run serve -- --connect https://ADDRESS:PORT --state DIR [--port N] [--pair CODE] [--name NAME]');
    process.exit(2);
  }
  const port = str(args.port) === undefined ? undefined : Number(args.port);
  serveClient({ hostUrl, stateDir, port, pairCode: str(args.pair), name: str(args.name) }).catch((e: unknown) => {
    console.error(`zhurnal: ${(e as Error).message}`);
    process.exit(1);
  });
}
