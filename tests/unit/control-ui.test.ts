// The «Контроль» screens' pure logic (issue 12): the default period, the findings' filters,
// groups and journal links, the remarks' states and buttons, the thresholds form. Expected
// values are written out by hand from the issue and CHECK.md, not computed by the code.
import { describe, expect, it } from 'vitest';
import { CheckSettings, DEFAULT_SETTINGS } from '../../src-shared/domain';
import type { FindingView } from '../../src-shared/check/rules';
import type { RemarkView } from '../../src-shared/rpc/check';
import { base64ToBytes } from '../../src-renderer/control/download';
import { canRemark, filterFindings, filterOptions, findingHref, groupFindings, NO_FILTER } from '../../src-renderer/control/findings';
import { addDays, defaultPeriod, monthPeriod, periodProblem } from '../../src-renderer/control/period';
import { groupByState, isLate, remarkActions } from '../../src-renderer/control/remarks';
import { remarkHref } from '../../src-renderer/remarks/remarks';
import { scopeChoices, scopeText } from '../../src-renderer/control/scope';
import { FIELDS, formFromSettings, settingsFromForm } from '../../src-renderer/control/settings';
import { placeFromHash, pupilFromHash } from '../../src-renderer/journal/route';

describe('the default period', () => {
  it.each([
    // today, from, to: before the 10th the month just ended, from the 10th this month to today
    ['2026-11-26', '2026-11-01', '2026-11-26'],
    ['2026-11-10', '2026-11-01', '2026-11-10'],
    ['2026-11-09', '2026-10-01', '2026-10-31'],
    ['2026-12-01', '2026-11-01', '2026-11-30'],
    ['2027-01-05', '2026-12-01', '2026-12-31'],
    ['2028-03-02', '2028-02-01', '2028-02-29'],
    ['2027-03-02', '2027-02-01', '2027-02-28'],
  ])('on %s: %s – %s', (today, from, to) => {
    expect(defaultPeriod(today)).toEqual({ from, to });
  });

  it('a chosen month is cut at today; a month after today is none', () => {
    expect(monthPeriod('2026-09', '2026-11-26')).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(monthPeriod('2026-11', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-26' });
    expect(monthPeriod('2026-12', '2026-11-26')).toBeNull();
    expect(monthPeriod('2026-13', '2026-11-26')).toBeNull();
  });

  it('names what is wrong with hand-typed dates', () => {
    const today = '2026-11-26';
    expect(periodProblem({ from: '2026-11-01', to: '2026-11-30' }, today)).toBeNull();
    expect(periodProblem({ from: '2026-11-31', to: '2026-11-30' }, today)).toBe('badDate');
    expect(periodProblem({ from: '', to: '2026-11-30' }, today)).toBe('badDate');
    expect(periodProblem({ from: '2026-11-20', to: '2026-11-01' }, today)).toBe('reversed');
    expect(periodProblem({ from: '2026-11-27', to: '2026-11-30' }, today)).toBe('future');
    expect(periodProblem({ from: '2025-09-01', to: '2026-11-26' }, today)).toBe('tooLong');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

const finding = (over: Partial<FindingView>): FindingView => ({
  id: 1,
  rule: 'R1',
  severity: 'error',
  key: 'R1:l1',
  teacherId: 10,
  teacherName: 'Иванова Анна Петровна',
  groupId: 5,
  groupName: '5А',
  subjectId: 2,
  subjectName: 'Русский язык',
  lessonId: 100,
  pupilId: null,
  pupilName: null,
  date: '2026-11-12',
  text: 'тема не записана',
  detail: {},
  dismissedReason: null,
  remarkId: null,
  ...over,
});

describe('findings', () => {
  const list = [
    finding({ id: 1 }),
    finding({ id: 2, rule: 'R16', severity: 'warning', teacherId: 11, teacherName: 'Борисов Борис', groupId: 6, groupName: '10Б', date: '2026-11-03' }),
    finding({ id: 3, rule: 'R2', severity: 'warning', dismissedReason: 'урок-экскурсия' }),
    finding({ id: 4, rule: 'R10', teacherId: null, teacherName: null, date: '2026-11-05' }),
    finding({ id: 5, rule: 'R1', remarkId: 77, date: '2026-11-02' }),
  ];

  it('filters live or dismissed, by rule, severity, teacher and class', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => filterFindings(list, { ...NO_FILTER, ...f }).map((x) => x.id);
    expect(ids({})).toEqual([1, 2, 4, 5]);
    expect(ids({ dismissed: true })).toEqual([3]);
    expect(ids({ rule: 'R1' })).toEqual([1, 5]);
    expect(ids({ severity: 'warning' })).toEqual([2]);
    expect(ids({ teacherId: 11 })).toEqual([2]);
    expect(ids({ groupId: 5, rule: 'R10' })).toEqual([4]);
  });

  it('groups by rule in the rules’ order (R10 after R2, before R16) and by teacher, nobody last', () => {
    const byRule = groupFindings(list, 'rule', '—');
    expect(byRule.map((g) => g.key)).toEqual(['R1', 'R2', 'R10', 'R16']);
    expect(byRule[0]!.title).toBe('R1. Не записана тема урока');
    // Inside a group: by date.
    expect(byRule[0]!.findings.map((f) => f.id)).toEqual([5, 1]);
    expect(byRule[0]!.counts).toEqual({ error: 2, warning: 0, info: 0 });
    const byTeacher = groupFindings(list, 'teacher', 'Учитель не определён');
    expect(byTeacher.map((g) => g.title)).toEqual(['Борисов Борис', 'Иванова Анна Петровна', 'Учитель не определён']);
    expect(byTeacher[1]!.counts).toEqual({ error: 2, warning: 1, info: 0 });
  });

  it('offers the rules, teachers and classes that occur', () => {
    const o = filterOptions(list);
    expect(o.rules).toEqual(['R1', 'R2', 'R10', 'R16']);
    expect(o.teachers).toEqual([
      { id: 11, name: 'Борисов Борис' },
      { id: 10, name: 'Иванова Анна Петровна' },
    ]);
    expect(o.groups.map((g) => g.name)).toEqual(['5А', '10Б']);
  });

  it('only a live finding with a teacher and no remark can become a remark', () => {
    expect(list.map(canRemark)).toEqual([true, true, false, false, false]);
  });

  it('links a lesson to its column and a pupil to their row', () => {
    expect(findingHref(finding({ detail: { slot: 3 } }))).toBe('#/journal/5/2?at=2026-11-12.3');
    expect(findingHref(finding({}))).toBe('#/journal/5/2?at=2026-11-12');
    expect(findingHref(finding({ pupilId: 42, detail: { slot: 2 } }))).toBe('#/journal/5/2?at=2026-11-12.2&pupil=42');
    expect(findingHref(finding({ pupilId: 42, date: null, lessonId: null }))).toBe('#/journal/5/2?pupil=42');
    expect(findingHref(finding({ subjectId: null }))).toBeNull();
    // The journal reads back what the link says.
    const href = findingHref(finding({ pupilId: 42, detail: { slot: 2 } }))!;
    expect(placeFromHash(href)).toEqual({ date: '2026-11-12', slot: 2, row: null });
    expect(pupilFromHash(href)).toBe(42);
    expect(pupilFromHash('#/journal/5/2?pupil=abc')).toBeNull();
    expect(pupilFromHash('#/journal/5/2')).toBeNull();
  });
});

const remark = (over: Partial<RemarkView>): RemarkView => ({
  id: 1,
  checkId: 1,
  findingId: null,
  rule: null,
  teacherId: 10,
  teacherName: 'Иванова Анна Петровна',
  groupId: 5,
  groupName: '5А',
  subjectId: 2,
  subjectName: 'Русский язык',
  lessonId: null,
  lessonDate: null,
  lessonSlot: null,
  pupilId: null,
  pupilName: null,
  text: 'заполнить темы',
  deadline: '2026-12-03',
  state: 'open',
  fixedBy: null,
  reply: null,
  createdAt: '2026-11-26T07:00:00Z',
  stateAt: '2026-11-26T07:00:00Z',
  version: 1,
  ...over,
});

describe('remarks', () => {
  it('gives the deputy the buttons of the state machine', () => {
    expect(remarkActions('fixed')).toEqual(['verify', 'reopen']);
    expect(remarkActions('overdue')).toEqual(['reopen']);
    expect(remarkActions('draft')).toEqual(['delete']);
    for (const s of ['open', 'acknowledged', 'verified'] as const) expect(remarkActions(s)).toEqual([]);
  });

  it('orders states by what needs her first, deadlines nearest first', () => {
    const g = groupByState([
      remark({ id: 1, state: 'verified' }),
      remark({ id: 2, state: 'open', deadline: '2026-12-05' }),
      remark({ id: 3, state: 'fixed' }),
      remark({ id: 4, state: 'open', deadline: '2026-12-01' }),
      remark({ id: 5, state: 'overdue' }),
    ]);
    expect(g.map((x) => [x.state, x.remarks.map((r) => r.id)])).toEqual([
      ['overdue', [5]],
      ['fixed', [3]],
      ['open', [4, 2]],
      ['verified', [1]],
    ]);
  });

  it('marks a remark late past its deadline unless the teacher has answered', () => {
    expect(isLate(remark({ deadline: '2026-11-25' }), '2026-11-26')).toBe(true);
    expect(isLate(remark({ deadline: '2026-11-26' }), '2026-11-26')).toBe(false);
    expect(isLate(remark({ deadline: '2026-11-25', state: 'fixed' }), '2026-11-26')).toBe(false);
  });

  it('links into the journal at the lesson and the pupil', () => {
    expect(remarkHref(remark({ lessonDate: '2026-11-12', lessonSlot: 2, pupilId: 9 }))).toBe('#/journal/5/2?at=2026-11-12.2&pupil=9');
    expect(remarkHref(remark({}))).toBe('#/journal/5/2');
    expect(remarkHref(remark({ groupId: null, subjectId: null }))).toBeNull();
  });
});

describe('the thresholds form', () => {
  it('shows the defaults of the issue, the share in per cent', () => {
    const f = formFromSettings(DEFAULT_SETTINGS.check);
    expect(f).toMatchObject({ topicMinChars: '4', entryDays: '1', silentDays: '7', normQuarter1h: '3', normQuarter2h: '5', normQuarter3h: '7', normHalf1h: '5' });
    expect(f).toMatchObject({ unassessedStreak: '5', controlMarkDays: '7', lowMarkFollowLessons: '3', absenceShare: '66.7', absenceReasonDays: '3', remarkDays: '7' });
  });

  it('reads it back, with the range in the message of a bad field', () => {
    const f = formFromSettings(DEFAULT_SETTINGS.check);
    const ok = settingsFromForm({ ...f, absenceShare: '75', remarkDays: ' 10 ' });
    expect(ok).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS.check, absenceShare: 0.75, remarkDays: 10 } });
    const bad = settingsFromForm({ ...f, silentDays: '0', entryDays: '1.5', remarkDays: '', absenceShare: '5' });
    expect(bad).toEqual({
      ok: false,
      errors: { silentDays: 'Целое число от 1 до 60', entryDays: 'Целое число от 0 до 30', remarkDays: 'Целое число от 1 до 90', absenceShare: 'Число от 10 до 100 (%)' },
    });
  });

  it('has one field per setting, with the schema’s bounds', () => {
    expect(FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(CheckSettings.shape).sort());
    for (const f of FIELDS) {
      const k = (v: number) => ({ ...DEFAULT_SETTINGS.check, [f.key]: f.percent ? v / 100 : v });
      expect(CheckSettings.safeParse(k(f.min)).success, `${f.key} min`).toBe(true);
      expect(CheckSettings.safeParse(k(f.max)).success, `${f.key} max`).toBe(true);
      expect(CheckSettings.safeParse(k(f.min - 1)).success, `${f.key} below`).toBe(false);
      expect(CheckSettings.safeParse(k(f.max + 1)).success, `${f.key} above`).toBe(false);
    }
  });
});

describe('the scope', () => {
  const choices = scopeChoices(
    { classes: [{ id: 2, name: '10А' }, { id: 1, name: '5А' }], subjects: [{ id: 7, name: 'Математика' }] },
    [
      { id: 3, fullName: 'Петрова Ольга', roles: ['teacher'], disabled: false },
      { id: 4, fullName: 'Завуч Зоя', roles: ['deputy'], disabled: false },
      { id: 5, fullName: 'Уволен Иван', roles: ['teacher'], disabled: true },
    ],
  );
  it('offers classes in numeric order and active teachers only', () => {
    expect(choices.classes.map((c) => c.name)).toEqual(['5А', '10А']);
    expect(choices.teachers).toEqual([{ id: 3, name: 'Петрова Ольга' }]);
  });
  it('reads as one line', () => {
    expect(scopeText({ classIds: [], teacherIds: [], subjectIds: [] }, choices, 'вся школа')).toBe('вся школа');
    expect(scopeText({ classIds: [1, 2], teacherIds: [], subjectIds: [7] }, choices, 'вся школа')).toBe('5А, 10А · Математика');
    expect(scopeText({ classIds: [], teacherIds: [99], subjectIds: [] }, null, 'вся школа')).toBe('№ 99');
  });
});

describe('downloads', () => {
  it('decodes base64 to the bytes', () => {
    expect([...base64ToBytes('JVBERi0=')]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]); // "%PDF-"
  });
});
