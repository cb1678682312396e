// Pure rules of control-work columns (issue 11), shared by main and the grid.

/** «1 оценка», «3 оценки», «5 оценок». */
export function marksWord(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return 'оценка';
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 'оценки';
  return 'оценок';
}

/** The message of a work-type change that would leave entered marks with the old type. */
export function retypeMessage(n: number): string {
  return `Уже поставлено ${n} ${marksWord(n)} с прежним видом работы: подтвердите, применить ли новый вид работы к ${n === 1 ? 'ней' : 'ним'}`;
}

const SHORT: Record<string, string> = {
  'Контрольная работа': 'К/р',
  'Проверочная работа': 'П/р',
  'Самостоятельная работа': 'С/р',
  'Лабораторная работа': 'Лаб.',
  'Практическая работа': 'Пр/р',
  Диктант: 'Дикт.',
  Сочинение: 'Соч.',
  Изложение: 'Изл.',
  Тест: 'Тест',
  Зачёт: 'Зач.',
  'Домашняя работа': 'Д/р',
  'Ответ на уроке': 'Отв.',
  Отработка: 'Отр.',
};

/**
 * A column header's short name of a work type: the usual school abbreviation, otherwise the
 * initials of a two-word name («Устный опрос» → «У/о») or the first four letters and a dot.
 */
export function workTypeShort(name: string): string {
  const known = SHORT[name.trim()];
  if (known) return known;
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return `${words[0]![0]!.toUpperCase()}/${words[1]![0]!.toLowerCase()}`;
  const w = words[0] ?? '';
  return w.length <= 5 ? w : `${w.slice(0, 4)}.`;
}
