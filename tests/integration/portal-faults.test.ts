// The portal double's fault switches (tests/portal/faults.ts) over a real socket: each one does
// to a package what a flaky network or portal would, and the store shows what was applied.
import { describe, expect, it } from 'vitest';
import type { Portal } from '../portal/server';
import { auditHead, diary, empty, fresh, pkg, SCHOOL, school, send, state, usePortals } from '../helpers/portal-packages';

usePortals();

describe('faults', () => {
  const applied = async (portal: Portal, id: string) => (await state(portal)).packages[id]?.applies ?? 0;

  it('dropRequest: the fetch fails and nothing is applied', async () => {
    const portal = await fresh();
    portal.setFaults({ dropRequest: 1 });
    const p = pkg('full', 0, 10, school());
    await expect(send(portal, p)).rejects.toThrow();
    expect(await applied(portal, p.header.packageId)).toBe(0);
    expect(await diary(portal)).toBeUndefined();
    expect((await send(portal, p)).outcome).toBe('applied');
  });

  it('dropResponse: the fetch fails but the package is applied; a resend gets duplicate:true', async () => {
    const portal = await fresh();
    await fetch(`${portal.url}__faults`, { method: 'POST', body: JSON.stringify({ dropResponse: 1 }) });
    expect((await (await fetch(`${portal.url}__faults`)).json()).dropResponse).toBe(1);
    expect((await fetch(`${portal.url}__faults`, { method: 'POST', body: JSON.stringify({ dropResponse: -1 }) })).status).toBe(422);
    const p = pkg('full', 0, 10, school());
    await expect(send(portal, p)).rejects.toThrow();
    expect(await applied(portal, p.header.packageId)).toBe(1);
    const again = await send(portal, p);
    expect(again.body).toMatchObject({ packageId: p.header.packageId, duplicate: true });
    expect(await applied(portal, p.header.packageId)).toBe(1);
  });

  it('refuse: 422 with a reason, nothing applied; the next try of the same bytes is applied', async () => {
    const portal = await fresh();
    portal.setFaults({ refuse: 1 });
    const p = pkg('full', 0, 10, school());
    const r = await send(portal, p);
    expect(r).toMatchObject({ status: 422, outcome: 'refused-injected', body: { error: expect.stringContaining('refused') } });
    expect(await applied(portal, p.header.packageId)).toBe(0);
    expect(await diary(portal)).toBeUndefined();
    expect((await send(portal, p)).outcome).toBe('applied');
  });

  it('wrongReceipt: applied once, answered with a receipt of another id, then of other bytes', async () => {
    const portal = await fresh();
    portal.setFaults({ wrongReceipt: 2 });
    const p = pkg('full', 0, 10, school());
    const first = await send(portal, p);
    expect(first.status).toBe(200);
    expect(first.body.packageId).not.toBe(p.header.packageId);
    expect(first.body.payloadSha256).toBe(p.header.payloadSha256);
    const second = await send(portal, p);
    expect(second.body.packageId).toBe(p.header.packageId);
    expect(second.body.payloadSha256).not.toBe(p.header.payloadSha256);
    expect(await applied(portal, p.header.packageId)).toBe(1);
    expect((await send(portal, p)).body).toMatchObject({ packageId: p.header.packageId, payloadSha256: p.header.payloadSha256 });
  });

  it('keeps the newest audit chain head it was given and returns it in every receipt', async () => {
    const portal = await fresh();
    const saved = { ...auditHead };
    try {
      Object.assign(auditHead, { seq: 40, hash: 'a'.repeat(64) });
      await send(portal, pkg('full', 0, 10, school()));
      Object.assign(auditHead, { seq: 7, hash: 'b'.repeat(64) }); // an older head (an old backup restored) does not replace it
      const r = await send(portal, pkg('incremental', 10, 12, empty()));
      expect(r.body.auditHead).toEqual({ seq: 40, hash: 'a'.repeat(64) });
      expect((await state(portal)).schools[SCHOOL].auditHead).toEqual({ seq: 40, hash: 'a'.repeat(64) });
    } finally {
      Object.assign(auditHead, saved);
    }
  });

  it('fail5xx: 503 and nothing applied', async () => {
    const portal = await fresh();
    portal.setFaults({ fail5xx: 2 });
    const p = pkg('full', 0, 10, school());
    expect((await send(portal, p)).status).toBe(503);
    expect((await send(portal, p)).status).toBe(503);
    expect(await applied(portal, p.header.packageId)).toBe(0);
    expect((await send(portal, p)).status).toBe(200);
    expect(portal.getFaults().fired.fail5xx).toBe(2);
  });

  it('failMidApply: the transaction rolls back, nothing of the package is left', async () => {
    const portal = await fresh();
    portal.setFaults({ failMidApply: 1 });
    const p = pkg('full', 0, 10, school());
    expect((await send(portal, p)).status).toBe(500);
    const s = await state(portal);
    expect(s.schools).toEqual({});
    expect(s.packages).toEqual({});
    expect((await send(portal, p)).outcome).toBe('applied');
  });

  it('delay: applied first, answered late — past a client timeout, and on time for a patient client', async () => {
    const portal = await fresh();
    portal.setFaults({ delayMs: 400, delayCount: 2 });
    const p = pkg('full', 0, 10, school());
    await expect(send(portal, p, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(await applied(portal, p.header.packageId)).toBe(1);
    const t0 = Date.now();
    const slow = await send(portal, p);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(slow.body.duplicate).toBe(true);
    expect(portal.getFaults().delayCount).toBe(0);
  });

  it('duplicate: the same body delivered twice is applied once', async () => {
    const portal = await fresh();
    portal.setFaults({ duplicate: 1 });
    const p = pkg('full', 0, 10, school());
    const r = await send(portal, p);
    expect(r.status).toBe(200);
    expect(r.body.duplicate).toBe(true);
    expect((await state(portal)).packages[p.header.packageId]).toMatchObject({ applies: 1, duplicates: 1 });
  });

  it('random mode is deterministic for a seed', async () => {
    const run = async () => {
      const portal = await fresh();
      portal.setFaults({ random: { seed: 42, pDrop: 0.2, pDropResponse: 0.2, p5xx: 0.2, pDelay: 0.1, pDuplicate: 0.1, delayMs: 5 } });
      const p = pkg('full', 0, 10, school());
      const seen: string[] = [];
      for (let i = 0; i < 25; i++)
        seen.push(
          await send(portal, p).then(
            (r) => `${r.status}:${r.body.duplicate ?? ''}`,
            () => 'error',
          ),
        );
      const f = portal.getFaults();
      expect(f.randomDraws).toBe(25);
      expect((await state(portal)).packages[p.header.packageId].applies).toBe(1);
      return { seen, fired: f.fired };
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a.seen).size).toBeGreaterThan(2);
  });
});
