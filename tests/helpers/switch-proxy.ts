// A TCP proxy on loopback that a test switches: 'up' forwards, 'down' drops every connection
// (the school host is away), 'lose-answers' forwards the request but drops the answer (the
// edit is applied on the host, the client never learns it). Its port stays the same, so a
// client keeps one host address across the outage, as a real one does.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'up' | 'down' | 'lose-answers';

export interface SwitchProxy {
  port: number;
  mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startSwitchProxy(targetPort: number): Promise<SwitchProxy> {
  const open = new Set<Socket>();
  const proxy = { port: 0, mode: 'up' as ProxyMode } as SwitchProxy;
  const track = (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => s.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (proxy.mode === 'down') return void client.destroy();
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    track(upstream);
    client.pipe(upstream);
    if (proxy.mode === 'lose-answers')
      upstream.once('data', () => {
        upstream.destroy();
        client.destroy();
      });
    else upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.port = (server.address() as { port: number }).port;
  proxy.setMode = (mode) => {
    proxy.mode = mode;
    // Connections kept alive from before must not carry on as if nothing happened.
    for (const s of open) s.destroy();
  };
  proxy.close = () =>
    new Promise<void>((r) => {
      for (const s of open) s.destroy();
      server.close(() => r());
    });
  return proxy;
}
