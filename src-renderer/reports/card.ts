// The card tab's request from the picker's choice (pure).
import type { CardRequest } from '../../src-shared/reports/requests';
import type { PickerValue } from './picker';

export function cardRequest(v: PickerValue): CardRequest | null {
  if (v.classId === null) return null;
  return { kind: 'card', classId: v.classId, pupilId: v.pupilId, termId: v.termId, from: v.from, to: v.to };
}
