// The administrator reads why the portal could not be reached in Russian, never Node's bare
// "fetch failed". The errors come from Node's real fetch on loopback, not from stand-ins.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkReason } from '../../src-main/services/export/network-error';

async function fetchError(url: string): Promise<unknown> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (e) {
    return e;
  }
  throw new Error('expected the request to fail');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('networkReason', () => {
  it('names a refused connection (a closed port on loopback)', async () => {
    const e = await fetchError(`http://127.0.0.1:${await closedPort()}/api/packages`);
    expect((e as Error).message).toBe('fetch failed');
    expect(networkReason(e)).toBe('портал не принимает соединения по этому адресу (ECONNREFUSED)');
  });

  it('names a port the fetch standard blocks (nothing is sent)', async () => {
    const e = await fetchError('http://127.0.0.1:9/api/packages');
    expect(networkReason(e)).toBe('этот порт запрещён для соединений: укажите адрес с другим портом');
  });

  it('reads the system codes it knows and keeps the others in parentheses', () => {
    const withCode = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
    expect(networkReason(withCode('ENOTFOUND'))).toBe('имя портала не найдено (проверьте адрес и DNS) (ENOTFOUND)');
    expect(networkReason(withCode('ECONNRESET'))).toBe('соединение оборвалось (ECONNRESET)');
    expect(networkReason(withCode('UND_ERR_CONNECT_TIMEOUT'))).toBe('портал не отвечает (UND_ERR_CONNECT_TIMEOUT)');
    expect(networkReason(withCode('EHOSTUNREACH'))).toBe('сеть недоступна (EHOSTUNREACH)');
    expect(networkReason(withCode('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(
      'сертификат портала не прошёл проверку (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(networkReason(withCode('EWHATEVER'))).toBe('сетевая ошибка (EWHATEVER)');
    expect(networkReason(new TypeError('fetch failed'))).toBe('сетевая ошибка');
    expect(networkReason(null)).toBe('сетевая ошибка');
  });
});
