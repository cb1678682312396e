// The school's name on documents (issue 13): the full official name from the settings, in the
// nominative for headers and in the genitive after «Директору …», «…по итогам работы …».
import { genitiveFallback } from '../../../src-shared/school-name';
import type { Services } from '../context';
import { settingsFromText } from '../school/settings';
import { prep } from '../sql';

export { genitiveFallback };

/**
 * The school's full name in the case: the settings' fullName (genitive: fullNameGenitive),
 * else the short name; a missing genitive falls back to genitiveFallback, never to a guess.
 */
export function schoolFullName(s: Pick<Services, 'sqlite'>, c: 'nominative' | 'genitive' = 'nominative'): string {
  const row = prep(s.sqlite, 'SELECT name, settings FROM school WHERE id = 1').get() as { name: string; settings: string } | undefined;
  const settings = settingsFromText(s, row?.settings ?? null);
  const nominative = settings.fullName || row?.name || '';
  if (c === 'nominative') return nominative;
  return settings.fullNameGenitive || genitiveFallback(nominative);
}
