// The package writer: streamed bodies read back as the same JSON with a hash of the exact
// payload bytes, whatever the row sizes; and the hand-written cell JSON equals JSON.stringify.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MARK_VALUES, ABSENCE_REASONS, type AbsenceReason, type MarkValue } from '../../src-shared/domain';
import { cellWriter } from '../../src-main/services/export/full';
import { PackageStream, headerFields, writePackage } from '../../src-main/services/export/writer';
import type { PackagePayload } from '../../src-shared/export/package';
import { readPackage } from '../helpers/export';
import { mulberry32 } from '../../src-main/demo/random';

const fields = headerFields(new Date('2026-11-26T12:00:00Z'), '123456', 'full', { from: 0, to: 7 }, '2026/2027', {
  seq: 9,
  hash: 'd'.repeat(64),
});
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('cell JSON', () => {
  it('is exactly JSON.stringify of the cell object, for every value, reason and weight', () => {
    const rnd = mulberry32(5);
    const names = ['Работа на уроке', 'Контрольная "итоговая"', 'Test\\slash', 'Диктант\n'];
    const ref = (id: number) => createHash('sha256').update(String(id)).digest('hex');
    const write = cellWriter(ref, (id) => names[id]!);
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(rnd() * 5);
      const lessonId = 1 + Math.floor(rnd() * 1e6);
      const pupilId = 1 + Math.floor(rnd() * 3000);
      const marks = Array.from({ length: n }, () => {
        const value = MARK_VALUES[Math.floor(rnd() * MARK_VALUES.length)] as MarkValue;
        const workType = Math.floor(rnd() * names.length);
        const weight = [1, 2, 0.5, 1.5, 3][Math.floor(rnd() * 5)]!;
        return [lessonId, pupilId, value, workType, weight] as [number, number, MarkValue, number, number];
      });
      const absence = rnd() < 0.3 ? (ABSENCE_REASONS[Math.floor(rnd() * ABSENCE_REASONS.length)] as AbsenceReason) : null;
      const expected = JSON.stringify({
        lessonId,
        pupil: ref(pupilId),
        marks: marks.map(([, , value, wt, weight]) => ({ value, workType: names[wt], weight })),
        absence,
      });
      // Rows of other cells around it must not leak in.
      const around = [[0, 0, '5', 0, 1] as const, ...marks, [0, 0, '2', 1, 1] as const] as [number, number, MarkValue, number, number][];
      expect(write(lessonId, pupilId, around, 1, 1 + n, absence)).toBe(expected);
    }
  });
});

describe('package stream', () => {
  it('writes the same package as the in-memory writer, across pieces and with rows larger than a piece', async () => {
    const payload: PackagePayload = {
      classes: [{ id: 1, grade: 5, letter: 'А' }],
      groups: [],
      subjects: [{ id: 3, name: 'Русский язык' }],
      people: [],
      enrolments: [],
      memberships: [],
      lessons: Array.from({ length: 3000 }, (_, i) => ({
        id: i + 1,
        groupId: 1,
        subjectId: 3,
        date: '2026-11-20',
        slot: 1,
        held: true,
        // Every size: tiny, a few kilobytes, and one of 300,000 characters (beyond one piece).
        topic: i % 7 === 0 ? 'Тема «разбор» ✓' : null,
        homework: i === 1500 ? 'Ж'.repeat(300_000) : 'Упр. '.repeat(i % 500),
        teacher: null,
        files: [],
      })),
      cells: [],
      termMarks: [],
      grants: [],
      tombstones: [],
    };
    const out = new PackageStream();
    for (const [section, rows] of Object.entries(payload)) {
      out.begin(section as keyof PackagePayload);
      for (const r of rows as unknown[]) out.row(JSON.stringify(r));
      out.end();
      await out.drain();
    }
    const streamed = await out.finish(fields);
    const inMemory = writePackage(fields, payload);
    expect(streamed.header).toEqual(inMemory.header);
    expect(streamed.header.payloadSha256).toBe(sha(JSON.stringify(payload)));
    expect(streamed.header.counts).toMatchObject({ lessons: 3000, classes: 1, cells: 0 });
    expect(readPackage(streamed.body)).toEqual({ payload, header: inMemory.header });
    expect(readPackage(inMemory.body)).toEqual({ payload, header: inMemory.header });
  });

  it('can be aborted midway without an unhandled error', async () => {
    const out = new PackageStream();
    out.begin('classes');
    out.row('{"id":1,"grade":5,"letter":"А"}');
    await out.drain();
    out.abort();
    await new Promise((r) => setTimeout(r, 50));
  });
});
