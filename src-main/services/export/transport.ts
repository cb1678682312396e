// Sending one package: HTTPS POST with the package id as idempotency key, a timeout, and a
// verdict the outbox acts on — done (receipt), retry later (network, timeout, 5xx, 409 gap),
// or refused (other 4xx: the same bytes would be refused again).
import { Receipt } from '../../../src-shared/export/package';

export type SendResult = { kind: 'done'; receipt: Receipt } | { kind: 'retry'; error: string } | { kind: 'refused'; error: string };

export interface SendOptions {
  url: string;
  token: string;
  timeoutMs: number;
}

export async function sendPackage(id: string, sha256: string, body: Buffer, opts: SendOptions): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(new URL('api/packages', opts.url), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Idempotency-Key': id,
        Authorization: `Bearer ${opts.token}`,
      },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const why =
      err.name === 'TimeoutError' ? 'нет ответа от портала (таймаут)' : `нет связи с порталом (${err.cause?.code ?? err.message})`;
    return { kind: 'retry', error: why };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 200) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'retry', error: 'портал ответил не JSON' };
    }
    const receipt = Receipt.safeParse(parsed);
    // A receipt for another package or other bytes is no proof of delivery.
    if (!receipt.success || receipt.data.packageId !== id || receipt.data.payloadSha256 !== sha256)
      return { kind: 'retry', error: 'квитанция портала не совпадает с пакетом' };
    return { kind: 'done', receipt: receipt.data };
  }
  const reason = (() => {
    try {
      return String((JSON.parse(text) as { error?: unknown }).error ?? text).slice(0, 500);
    } catch {
      return text.slice(0, 500);
    }
  })();
  if (res.status === 409 || res.status >= 500 || res.status === 429) return { kind: 'retry', error: `портал: ${res.status} ${reason}` };
  return { kind: 'refused', error: `портал отклонил пакет: ${res.status} ${reason}` };
}

/** Exponential backoff with full jitter: 5 s, 10 s, 20 s … capped at 30 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
