// A TCP proxy on loopback that a test switches: 'up' forwards, 'down' drops every connection
// (the school host is away), 'lose-answers' lets the next request on an open (kept-alive,
// TLS already set up) connection reach the host and drops the connection as the answer comes
// back: the edit is applied on the host, the client never learns it. New connections in that
// mode are dropped like 'down'. The proxy's port stays the same, so a client keeps one host
// address across the outage, as a real one does.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'up' | 'down' | 'lose-answers';

export interface SwitchProxy {
  port: number;
  mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startSwitchProxy(targetPort: number): Promise<SwitchProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const proxy = { port: 0, mode: 'up' as ProxyMode } as SwitchProxy;
  const loseNextAnswer = (p: { client: Socket; upstream: Socket }) => {
    p.upstream.unpipe(p.client);
    p.upstream.once('data', () => {
      p.upstream.destroy();
      p.client.destroy();
    });
    // unpipe() left the stream paused: a 'data' listener alone would never see the answer.
    p.upstream.resume();
  };
  const server: Server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (proxy.mode !== 'up') return void client.destroy();
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    upstream.on('error', () => upstream.destroy());
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.port = (server.address() as { port: number }).port;
  proxy.setMode = (mode) => {
    proxy.mode = mode;
    for (const p of pairs)
      if (mode === 'down') p.client.destroy();
      else if (mode === 'lose-answers') loseNextAnswer(p);
  };
  proxy.close = () =>
    new Promise<void>((r) => {
      for (const p of pairs) p.client.destroy();
      server.close(() => r());
    });
  return proxy;
}
