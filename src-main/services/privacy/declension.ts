// Every case form of a person's name parts, for the free-text check (issue 9). The six
// singular cases come from petrovich's rule set, in the person's own gender: a female «Мороз»
// or «Шевчук» does not decline, a male one does, and «Иванову» is a man's dative but a woman's
// accusative. Surnames of the Russian possessive and adjectival types also get their plural
// forms («Ивановы», «Ивановых»): a family is named that way.
import petrovich from 'petrovich';

export type Gender = 'male' | 'female';
export type NamePart = 'surname' | 'name' | 'patronymic';

const CASES = ['nominative', 'genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const;
const TYPE = { surname: 'last', name: 'first', patronymic: 'middle' } as const;

/** Lower case, ё as е: «Пётр» and «Петр» are one name, whichever the teacher typed. */
export function normalize(word: string): string {
  return word.toLowerCase().replaceAll('ё', 'е');
}

// Male first names that end like female ones, and female ones that end in a soft sign: the
// ending alone would guess these wrong.
const MALE_IN_A = new Set(['никита', 'илья', 'кузьма', 'фома', 'лука', 'савва', 'данила', 'гаврила', 'миша', 'саша', 'женя', 'ваня', 'вова', 'петя', 'гоша']);
const FEMALE_IN_SOFT = new Set(['любовь', 'нинель', 'адель', 'эсфирь', 'рахиль', 'юдифь', 'айгуль', 'гуль']);

/**
 * The person's gender, which the table does not store: the patronymic says it (-вич / -вна),
 * else the surname's ending (Иванова, Петровская), else the first name's. Null when nothing tells.
 */
export function guessGender(p: { surname: string; name: string; patronymic: string | null }): Gender | null {
  const mid = p.patronymic ? normalize(p.patronymic) : '';
  if (/(ич|оглы)$/.test(mid)) return 'male';
  if (/(на|кызы)$/.test(mid)) return 'female';
  const last = normalize(p.surname);
  if (/(ова|ева|ина|ына|ская|цкая|ая)$/.test(last)) return 'female';
  if (/(ов|ев|ин|ын|ский|цкий|ой|ый|ий)$/.test(last)) return 'male';
  const first = normalize(p.name);
  if (MALE_IN_A.has(first)) return 'male';
  if (FEMALE_IN_SOFT.has(first)) return 'female';
  if (/[ая]$/.test(first)) return 'female';
  if (/[бвгджзйклмнпрстфхцчшщ]$/.test(first) || /ь$/.test(first)) return 'male';
  return null;
}

/** Plural forms of a possessive (-ов, -ин) or adjectival (-ский) surname, from its male stem. */
function pluralForms(surname: string, gender: Gender): string[] {
  const s = normalize(surname);
  const possessive = gender === 'male' ? /^(.+(?:ов|ев|ин|ын))$/.exec(s) : /^(.+(?:ов|ев|ин|ын))а$/.exec(s);
  if (possessive) return ['ы', 'ых', 'ым', 'ыми'].map((e) => possessive[1] + e);
  const adjectival = gender === 'male' ? /^(.+(?:ск|цк))ий$/.exec(s) : /^(.+(?:ск|цк))ая$/.exec(s);
  if (adjectival) return ['ие', 'их', 'им', 'ими'].map((e) => adjectival[1] + e);
  return [];
}

/**
 * The normalized forms of one name part in every case, in the given gender, or in both when
 * the gender is unknown. A double surname («Петров-Водкин») yields the forms of each half, as
 * the text is split into words at the hyphen.
 */
export function caseForms(part: NamePart, value: string, gender: Gender | null): string[] {
  const key = `${part}|${gender}|${value}`;
  let forms = declined.get(key);
  if (!forms) declined.set(key, (forms = decline(part, value, gender)));
  return forms;
}

// Kept for the life of the process: a school has a few thousand distinct names, and a rebuild
// of the index after one person changed then declines only that person's.
const declined = new Map<string, string[]>();

function decline(part: NamePart, value: string, gender: Gender | null): string[] {
  const forms = new Set<string>();
  for (const g of gender ? [gender] : (['male', 'female'] as const))
    for (const half of value.trim().split('-')) {
      if (!half) continue;
      for (const c of CASES) forms.add(normalize(petrovich[g][TYPE[part]][c](half)));
      if (part === 'surname') for (const f of pluralForms(half, g)) forms.add(f);
    }
  return [...forms];
}
