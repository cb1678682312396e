// Pairing (DESIGN.md §10): the one-time code the administrator made on the host is exchanged
// for a lasting device credential. On first contact whatever certificate answers is pinned, so
// its fingerprint is returned for the user to compare with the one printed on the server
// room's wall; re-pairing after a changed certificate names the fingerprint it accepts.
import type { Envelope, RpcErrorBody } from '../../../src-shared/errors';
import { APP_VERSION } from '../../version';
import type { ClientState } from './state';
import { groupFingerprint, HostUnreachable, openPinned, unreachableReason } from './tls';

export interface PairRequest {
  hostUrl: string;
  code: string;
  name: string;
  /** Re-pairing: the (grouped) fingerprint the user accepted; anything else is refused. */
  acceptFingerprint?: string | null;
  /** The fingerprint pinned now, if any: a different one is refused unless accepted above. */
  pinned?: string | null;
  connectTimeoutMs?: number;
}

export type PairResult =
  { ok: true; state: ClientState } | { ok: false; error: RpcErrorBody; mismatch?: { pinned: string; presented: string } };

/** https://ADDRESS:PORT with nothing after it, or a Russian explanation. */
export function normalizeHostUrl(raw: string): string | { error: string } {
  let text = raw.trim();
  if (!/^[a-z]+:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: 'Адрес сервера школы записан неверно: нужен вид https://192.168.1.10:8443' };
  }
  if (url.protocol !== 'https:') return { error: 'Адрес сервера школы должен начинаться с https://' };
  if (url.pathname !== '/' || url.search || url.hash || url.username)
    return { error: 'Укажите только адрес и порт сервера школы, без пути' };
  return url.origin;
}

export async function pairWithHost(req: PairRequest): Promise<PairResult> {
  const hostUrl = normalizeHostUrl(req.hostUrl);
  if (typeof hostUrl !== 'string') return { ok: false, error: { code: 'validation', message: hostUrl.error } };
  const required = req.acceptFingerprint ? groupFingerprint(req.acceptFingerprint) : (req.pinned ?? null);
  const conn = openPinned({ hostUrl, fingerprint: required, connectTimeoutMs: req.connectTimeoutMs ?? 4_000, responseTimeoutMs: 30_000 });
  try {
    const res = await conn.request({
      method: 'POST',
      path: '/pair',
      headers: { 'X-Zhurnal-Version': APP_VERSION },
      body: JSON.stringify({ code: req.code, name: req.name, version: APP_VERSION }),
    });
    let env: Envelope<{ deviceId: number; deviceToken: string; fingerprint: string }>;
    try {
      env = JSON.parse(res.text) as typeof env;
    } catch {
      return {
        ok: false,
        error: { code: 'unavailable', message: `Сервер школы ответил не по протоколу журнала (HTTP ${res.status}). Проверьте адрес.` },
      };
    }
    if (!env || typeof env !== 'object' || !('ok' in env))
      return { ok: false, error: { code: 'unavailable', message: `Сервер школы ответил не по протоколу журнала (HTTP ${res.status})` } };
    if (!env.ok) return { ok: false, error: env.error };
    // What we pin is what this connection saw, not what the answer says about itself.
    const presented = conn.presented();
    if (!presented) return { ok: false, error: { code: 'unavailable', message: 'Сервер школы не предъявил сертификат' } };
    return {
      ok: true,
      state: { hostUrl, fingerprint: presented, deviceId: env.value.deviceId, deviceToken: env.value.deviceToken, deviceName: req.name },
    };
  } catch (e) {
    const mismatch = e instanceof HostUnreachable ? e.mismatch : undefined;
    return {
      ok: false,
      error: {
        code: 'unavailable',
        message: mismatch ? unreachableReason(e) : `Не удалось подключиться к серверу школы: ${unreachableReason(e)}`,
      },
      ...(mismatch ? { mismatch } : {}),
    };
  } finally {
    conn.close();
  }
}
