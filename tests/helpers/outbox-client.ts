// A client process for the outbox test: withOutbox around an HTTP remote, driven by JSON lines
// on stdin ({id, method, input, token}) and answering JSON lines on stdout ({id, env}). The
// test SIGKILLs it to switch the PC off without any clean shutdown.
// Usage: tsx tests/helpers/outbox-client.ts STATE_DIR CONNECT_PORT HOST_PORT PROBE_MS
import { createInterface } from 'node:readline';
import { withOutbox } from '../../src-main/network/client/outbox';
import { httpRemote } from './http-remote';

const [stateDir, connectPort, hostPort, probeMs] = process.argv.slice(2);
const router = withOutbox(httpRemote(Number(connectPort), Number(hostPort)), stateDir!, { probeMs: Number(probeMs) });
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, method, input, token } = JSON.parse(line) as { id: number; method: string; input: unknown; token: string | null };
  void router.call(method, input, token).then((env) => process.stdout.write(`${JSON.stringify({ id, env })}\n`));
});
process.stdout.write('ready\n');
