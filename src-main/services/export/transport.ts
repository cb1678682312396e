// Sending one package: HTTPS POST with the package id as idempotency key, a timeout, and a
// verdict the outbox acts on — done (a receipt for exactly this package), retry later
// (network, timeout, 5xx, 429, a key the portal does not accept), gap (409: the portal lacks
// an earlier package), mismatch (a receipt for another package or other bytes: no proof of
// delivery), or refused (other 4xx: the same bytes would be refused again).
// Every error text is Russian and says what to do: the export page shows it as is.
import { Receipt } from '../../../src-shared/export/package';
import { networkReason } from './network-error';

export type SendResult =
  | { kind: 'done'; receipt: Receipt }
  | { kind: 'retry'; error: string }
  | { kind: 'gap'; error: string }
  | { kind: 'mismatch'; error: string }
  | { kind: 'refused'; error: string };

export interface SendOptions {
  url: string;
  token: string;
  timeoutMs: number;
}

/** Prefix of every gap error: the outbox counts repeated gaps by it. */
export const GAP_ERROR = 'Портал не получил один из предыдущих пакетов';

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
    const why =
      (e as Error).name === 'TimeoutError'
        ? 'Портал не ответил вовремя. Пакет будет отправлен снова автоматически; если это повторяется, проверьте подключение к интернету'
        : `Нет связи с порталом: ${networkReason(e)}. Проверьте подключение к интернету и адрес портала; пакет будет отправлен снова автоматически`;
    return { kind: 'retry', error: why };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 200) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'retry', error: 'Портал ответил непонятно (не JSON). Пакет будет отправлен снова автоматически' };
    }
    const receipt = Receipt.safeParse(parsed);
    if (!receipt.success)
      return { kind: 'mismatch', error: 'Квитанция портала не читается: доставка не подтверждена, пакет будет отправлен снова' };
    // A receipt for another package or other bytes is no proof of delivery.
    if (receipt.data.packageId !== id || receipt.data.payloadSha256 !== sha256)
      return {
        kind: 'mismatch',
        error:
          receipt.data.packageId !== id
            ? 'Квитанция портала относится к другому пакету: доставка не подтверждена, пакет будет отправлен снова'
            : 'Квитанция портала не совпадает с содержимым пакета (контрольная сумма): доставка не подтверждена, пакет будет отправлен снова',
      };
    return { kind: 'done', receipt: receipt.data };
  }
  const reason = (() => {
    try {
      return String((JSON.parse(text) as { error?: unknown }).error ?? text).slice(0, 500);
    } catch {
      return text.slice(0, 500);
    }
  })();
  if (res.status === 401 || res.status === 403)
    return {
      kind: 'retry',
      error: `Портал не принял ключ доступа (${res.status}). Проверьте ключ в настройках выгрузки и сохраните его заново`,
    };
  if (res.status === 409 && reason === 'gap')
    return { kind: 'gap', error: `${GAP_ERROR} (409). Если это повторится, будет собрана полная выгрузка` };
  if (res.status === 409 || res.status === 429 || res.status >= 500)
    return {
      kind: 'retry',
      error: `Портал временно не принимает пакеты (${res.status}${reason ? `: ${reason}` : ''}). Пакет будет отправлен снова автоматически`,
    };
  return {
    kind: 'refused',
    error: `Портал отклонил пакет (${res.status}${reason ? `: ${reason}` : ''}). Вместо него собрана полная выгрузка; если отказы повторяются, сообщите в поддержку портала`,
  };
}

/** Exponential backoff with full jitter: 5 s, 10 s, 20 s … capped at 30 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
