// A school network client process for the outbox test: the real client stack (openClient:
// pinned TLS remote router, outbox, device methods) on an already paired state folder, driven
// by JSON lines on stdin ({id, method, input, token}) and answering JSON lines on stdout
// ({id, env}). The test SIGKILLs it to switch the PC off without any clean shutdown.
// Usage: tsx tests/helpers/outbox-client.ts STATE_DIR
import { createInterface } from 'node:readline';
import { openClient } from '../../src-main/network/client/open';

const { router } = await openClient({ stateDir: process.argv[2]!, connectTimeoutMs: 1_000 });
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, method, input, token } = JSON.parse(line) as { id: number; method: string; input: unknown; token: string | null };
  void router.call(method, input, token).then((env) => process.stdout.write(`${JSON.stringify({ id, env })}\n`));
});
process.stdout.write('ready\n');
