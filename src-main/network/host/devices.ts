// Pairing codes and paired devices of the school host (DESIGN.md §10). A code is 6 digits made
// by the administrator, stored by hash, valid 10 minutes, single use; a new code voids the
// open ones. A device holds a random token stored by hash; every request on the network host
// presents it before any RPC runs.
import { hash, randomBytes, randomInt } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { Actor, Ctx, Services } from '../../services/context';
import { mutate } from '../../services/mutate';
import { prep } from '../../services/sql';

export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes in a row after which every open code is voided. */
export const MAX_WRONG_CODES = 5;
/** A device's last seen / address / version are written at most this often. */
const TOUCH_EVERY_MS = 30_000;

const sha256 = (s: string) => hash('sha256', s, 'hex');

export interface PairingCode {
  code: string;
  createdAt: string;
  expiresAt: string;
}

/** Makes a new code (voiding the open ones), inside the caller's audited transaction. */
export function createPairingCode(ctx: Ctx, staffId: number): PairingCode {
  // staffId is the caller's, checked by the router in this same transaction.
  // randomInt is uniform over [0, 1e6): no modulo bias, unlike randomBytes % 1e6.
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  return mutate(ctx, (rec) => {
    const voided = prep(ctx.sqlite, 'UPDATE pairing_code SET voided_at = ? WHERE used_at IS NULL AND voided_at IS NULL').run(
      now.toISOString(),
    ).changes;
    const id = Number(
      prep(ctx.sqlite, 'INSERT INTO pairing_code (code_hash, created_at, expires_at, created_by) VALUES (?,?,?,?)').run(
        sha256(code),
        now.toISOString(),
        expiresAt,
        staffId,
      ).lastInsertRowid,
    );
    // Never the code itself: the audit log is readable by more people than the code is meant for.
    rec.audit({ action: 'network.pair_code', entity: 'pairing_code', entityId: id, after: { expiresAt, voided } });
    return { code, createdAt: now.toISOString(), expiresAt };
  });
}

interface CodeRow {
  id: number;
  created_by: number;
  expires_at: string;
  used_at: string | null;
  voided_at: string | null;
}

export interface PairRequest {
  code: string;
  name: string;
  version: string;
  address: string;
}

export interface Paired {
  deviceId: number;
  deviceToken: string;
}

/** Audit actions that end a run of wrong codes (a success, a new code, the limit itself). */
const STREAK_END = ['network.paired', 'network.pair_code', 'network.pair_rate_limited'];

/**
 * Wrong codes since the last streak end, counted from the audit log inside the caller's
 * transaction. The inner query walks back from the newest record and stops at the first
 * streak end — there is one within the life of any open code (its own creation), so it never
 * scans the year's log; the outer one is a rowid range from there.
 */
function wrongStreak(s: Services): number {
  return prep(
    s.sqlite,
    `SELECT COUNT(*) FROM audit_event WHERE action = 'network.pair_failed' AND seq > COALESCE(
       (SELECT seq FROM audit_event WHERE action IN (${STREAK_END.map(() => '?').join(',')}) ORDER BY seq DESC LIMIT 1), 0)`,
  )
    .pluck()
    .get(...STREAK_END) as number;
}

/** Audit records name who acted by staff id only; the rest of an Actor is unused there. */
function actingAs(staffId: number): Actor {
  return { staffId, personId: 0, login: '', roles: [], tokenHash: '', mustChangePassword: false };
}

/**
 * Exchanges a pairing code for a device credential. Everything — the code lookup, the wrong
 * count, the voiding, the device — happens in one IMMEDIATE transaction, so parallel guesses
 * are counted one after another and a code can be used once only. The audit records are
 * written by mutate() savepoints inside it: the pairing in the name of the administrator who
 * made the code, a failure in nobody's.
 */
export function pairDevice(s: Services, req: PairRequest): Paired {
  const nowIso = s.now().toISOString();
  const outcome = s.sqlite
    .transaction((): Paired | AppError => {
      const open = prep(
        s.sqlite,
        'SELECT id, created_by FROM pairing_code WHERE used_at IS NULL AND voided_at IS NULL AND expires_at > ? ORDER BY id DESC',
      ).all(nowIso) as { id: number; created_by: number }[];
      const match = prep(
        s.sqlite,
        'SELECT id, created_by, expires_at, used_at, voided_at FROM pairing_code WHERE code_hash = ? ORDER BY id DESC LIMIT 1',
      ).get(sha256(req.code)) as CodeRow | undefined;
      if (match && open.some((o) => o.id === match.id)) return pairWith(s, req, match, nowIso);
      const refusal = refusalFor(match, nowIso);
      // With no open code there is nothing to guess: refused without writing, so a flood of
      // requests cannot grow the audit log.
      if (open.length === 0) return refusal;
      return mutate({ ...s, actor: null }, (rec) => {
        rec.audit({
          action: 'network.pair_failed',
          entity: 'pairing_code',
          entityId: null,
          after: { address: req.address, name: req.name },
        });
        if (wrongStreak(s) < MAX_WRONG_CODES) return refusal;
        prep(s.sqlite, 'UPDATE pairing_code SET voided_at = ? WHERE used_at IS NULL AND voided_at IS NULL').run(nowIso);
        rec.audit({ action: 'network.pair_rate_limited', entity: 'pairing_code', entityId: null, after: { voided: open.length } });
        return new AppError(
          'rate_limited',
          `Слишком много неверных кодов подряд (${MAX_WRONG_CODES}). Все коды подключения отменены: попросите администратора создать новый код`,
        );
      });
    })
    .immediate();
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

function pairWith(s: Services, req: PairRequest, code: CodeRow, nowIso: string): Paired {
  return mutate({ ...s, actor: actingAs(code.created_by) }, (rec) => {
    const token = randomBytes(32).toString('base64url');
    const deviceId = Number(
      prep(
        s.sqlite,
        `INSERT INTO device (name, token_hash, paired_at, paired_by, last_seen_at, last_address, version)
         VALUES (?,?,?,?,?,?,?)`,
      ).run(req.name, sha256(token), nowIso, code.created_by, nowIso, req.address, req.version).lastInsertRowid,
    );
    prep(s.sqlite, 'UPDATE pairing_code SET used_at = ?, device_id = ? WHERE id = ?').run(nowIso, deviceId, code.id);
    rec.audit({ action: 'network.paired', entity: 'device', entityId: deviceId, after: { name: req.name, address: req.address } });
    return { deviceId, deviceToken: token };
  });
}

function refusalFor(match: CodeRow | undefined, nowIso: string): AppError {
  if (match?.used_at) return new AppError('forbidden', 'Этот код подключения уже использован. Попросите администратора создать новый код');
  if (match && !match.voided_at && match.expires_at <= nowIso)
    return new AppError('forbidden', 'Срок действия кода подключения истёк (10 минут). Попросите администратора создать новый код');
  if (match?.voided_at) return new AppError('forbidden', 'Этот код подключения отменён: администратор создал новый. Введите новый код');
  return new AppError('forbidden', 'Неверный код подключения. Проверьте цифры или попросите администратора создать новый код');
}

export type DeviceCheck = { ok: true; deviceId: number } | { ok: false; revoked: boolean };

interface DeviceAuthRow {
  id: number;
  revoked_at: string | null;
  last_seen_at: string | null;
  last_address: string | null;
  version: string | null;
}

/**
 * Resolves a device token (every request on the network host). Last seen, address and version
 * are written only when 30 s passed or they changed: a synced write per request would cost
 * more than most calls.
 */
export function checkDevice(s: Services, token: string | null, address: string, version: string): DeviceCheck {
  if (!token) return { ok: false, revoked: false };
  const row = prep(s.sqlite, 'SELECT id, revoked_at, last_seen_at, last_address, version FROM device WHERE token_hash = ?').get(
    sha256(token),
  ) as DeviceAuthRow | undefined;
  if (!row) return { ok: false, revoked: false };
  if (row.revoked_at) return { ok: false, revoked: true };
  const now = s.now();
  const stale = !row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS;
  if (stale || row.last_address !== address || row.version !== version)
    prep(s.sqlite, 'UPDATE device SET last_seen_at = ?, last_address = ?, version = ? WHERE id = ? AND revoked_at IS NULL').run(
      now.toISOString(),
      address,
      version,
      row.id,
    );
  return { ok: true, deviceId: row.id };
}

export interface DeviceView {
  id: number;
  name: string;
  pairedAt: string;
  lastSeenAt: string | null;
  lastAddress: string | null;
  version: string | null;
  revokedAt: string | null;
}

export function listDevices(s: Services): DeviceView[] {
  return prep(
    s.sqlite,
    `SELECT id, name, paired_at AS pairedAt, last_seen_at AS lastSeenAt, last_address AS lastAddress, version, revoked_at AS revokedAt
       FROM device ORDER BY revoked_at IS NOT NULL, name COLLATE NOCASE, id`,
  ).all() as DeviceView[];
}

/** Revokes a device and ends its sessions, audited; re-revoking is refused as not_found. */
export function revokeDevice(ctx: Ctx, deviceId: number): void {
  mutate(ctx, (rec) => {
    const nowIso = ctx.now().toISOString();
    const row = prep(ctx.sqlite, 'SELECT name, revoked_at FROM device WHERE id = ?').get(deviceId) as
      { name: string; revoked_at: string | null } | undefined;
    if (!row) throw new AppError('not_found', 'Нет такого компьютера в списке подключённых');
    if (row.revoked_at) throw new AppError('conflict', 'Этот компьютер уже отключён');
    prep(ctx.sqlite, 'UPDATE device SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(nowIso, ctx.actor?.staffId ?? null, deviceId);
    const ended = prep(ctx.sqlite, 'UPDATE session SET ended_at = ? WHERE device_id = ? AND ended_at IS NULL').run(
      nowIso,
      deviceId,
    ).changes;
    rec.audit({
      action: 'network.revoke',
      entity: 'device',
      entityId: deviceId,
      before: { name: row.name },
      after: { sessionsEnded: ended },
    });
  });
}
