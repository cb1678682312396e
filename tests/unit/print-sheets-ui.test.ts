// The sheets panel's choices → RPC calls (src-renderer/print/sheets.ts), from the rules: the
// attendance sheet is per class only; the whole school is the summary sheets of the chosen year;
// the first choice is the whole school for those who may print it, else the own class.
import { describe, expect, it } from 'vitest';
import { initialScope, sheetCall } from '../../src-renderer/print/sheets';
import { methods } from '../../src-shared/rpc/registry';

describe('sheets panel', () => {
  it('maps a class, a sheet and a format to the method and an input its schema accepts', () => {
    const cases = [
      [sheetCall(7, 'summary', 'pdf', 1), { method: 'print.summarySheets', input: { classId: 7, format: 'pdf' } }],
      [sheetCall(7, 'attendance', 'xlsx', 1), { method: 'print.attendanceSheet', input: { classId: 7, format: 'xlsx' } }],
      [sheetCall('school', 'summary', 'xlsx', 3), { method: 'print.summarySheets', input: { yearId: 3, format: 'xlsx' } }],
    ] as const;
    for (const [got, want] of cases) {
      expect(got).toEqual(want);
      expect(methods[want.method].input.safeParse(want.input).success).toBe(true);
    }
  });

  it('offers no attendance sheet for the whole school', () => {
    expect(sheetCall('school', 'attendance', 'pdf', 1)).toBeNull();
  });

  it('starts at the whole school where allowed, else the first own class, else nothing', () => {
    expect(initialScope({ wholeSchool: true, classes: [{ id: 4 }] })).toBe('school');
    expect(initialScope({ wholeSchool: false, classes: [{ id: 4 }, { id: 5 }] })).toBe(4);
    expect(initialScope({ wholeSchool: false, classes: [] })).toBeNull();
  });
});
