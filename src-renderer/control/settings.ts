// The thresholds form: one field per CheckSettings key with its bounds, the form's text values,
// and parsing them back with Russian messages naming the allowed range. The share of absences
// (R15) is typed in per cent: deputies speak of «2/3» or «67 %», not 0.6667.
import { CheckSettings } from '../../src-shared/domain';

export type SettingKey = keyof CheckSettings;

export interface FieldSpec {
  key: SettingKey;
  min: number;
  max: number;
  /** Shown and typed in per cent (stored as a fraction). */
  percent?: boolean;
}

/** Bounds as in the schema (src-shared/domain.ts); a unit test keeps them in step. */
export const FIELDS: readonly FieldSpec[] = [
  { key: 'topicMinChars', min: 1, max: 50 },
  { key: 'entryDays', min: 0, max: 30 },
  { key: 'silentDays', min: 1, max: 60 },
  { key: 'normQuarter1h', min: 0, max: 50 },
  { key: 'normQuarter2h', min: 0, max: 50 },
  { key: 'normQuarter3h', min: 0, max: 50 },
  { key: 'normHalf1h', min: 0, max: 50 },
  { key: 'unassessedStreak', min: 2, max: 30 },
  { key: 'controlMarkDays', min: 0, max: 60 },
  { key: 'lowMarkFollowLessons', min: 1, max: 20 },
  { key: 'termMarkMinMarks', min: 1, max: 30 },
  { key: 'absenceShare', min: 10, max: 100, percent: true },
  { key: 'absenceReasonDays', min: 0, max: 60 },
  { key: 'remarkDays', min: 1, max: 90 },
];

export type SettingsForm = Record<SettingKey, string>;

export function formFromSettings(s: CheckSettings): SettingsForm {
  const out = {} as SettingsForm;
  for (const f of FIELDS) out[f.key] = f.percent ? String(Math.round(s[f.key] * 1000) / 10) : String(s[f.key]);
  return out;
}

export type ParsedSettings = { ok: true; value: CheckSettings } | { ok: false; errors: Partial<Record<SettingKey, string>> };

export function settingsFromForm(form: SettingsForm): ParsedSettings {
  const errors: Partial<Record<SettingKey, string>> = {};
  const value = {} as Record<SettingKey, number>;
  for (const f of FIELDS) {
    const text = form[f.key].trim().replace(',', '.');
    const n = text === '' ? NaN : Number(text);
    const whole = f.percent || Number.isInteger(n);
    if (!Number.isFinite(n) || !whole || n < f.min || n > f.max) {
      errors[f.key] = f.percent ? `Число от ${f.min} до ${f.max} (%)` : `Целое число от ${f.min} до ${f.max}`;
      continue;
    }
    value[f.key] = f.percent ? n / 100 : n;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = CheckSettings.safeParse(value);
  // The bounds above mirror the schema; should they drift, the schema's word is final.
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  return { ok: true, value: parsed.data };
}
