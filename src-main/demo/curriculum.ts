// What a Russian general school teaches, by grade: subjects, weekly hours (a five-day week,
// close to the federal basic curriculum), who teaches them, and the topics lessons get.

/** A group of subjects one teacher covers; 'primary' is the class teacher of grades 1–4. */
export type Specialty =
  | 'primary'
  | 'russian'
  | 'math'
  | 'english'
  | 'cs'
  | 'history'
  | 'geo'
  | 'science'
  | 'physics'
  | 'pe'
  | 'arts'
  | 'tech';

export interface SubjectDef {
  name: string;
  short: string;
  /** Who teaches it in grades 5–11 (grades 1–4 use PRIMARY_OWN below). */
  specialty: Specialty;
  /** Two subgroups from grade 5 (languages, IT). */
  split: boolean;
  /** Pass/fail subject: marks are "зач"/"незач". */
  passFail?: boolean;
  /** Practical subjects: no homework, no written control works. */
  practical?: boolean;
  topics: readonly string[];
}

const t = (s: string) => s.split(';').map((x) => x.trim());

export const SUBJECTS: readonly SubjectDef[] = [
  { name: 'Русский язык', short: 'Рус', specialty: 'russian', split: false, topics: t('Повторение изученного; Фонетика и орфоэпия; Морфемика и словообразование; Имя существительное; Имя прилагательное; Глагол; Наречие; Причастие; Деепричастие; Служебные части речи; Словосочетание; Простое предложение; Сложное предложение; Прямая речь; Развитие речи: изложение; Итоговое повторение') },
  { name: 'Литературное чтение', short: 'ЛитЧт', specialty: 'primary', split: false, topics: t('Устное народное творчество; Сказки народов России; Басни И. А. Крылова; Стихи А. С. Пушкина; Рассказы Л. Н. Толстого; Произведения о природе; Стихи о Родине; Рассказы о детях; Зарубежная литература; Обобщение') },
  { name: 'Литература', short: 'Лит', specialty: 'russian', split: false, topics: t('Мифы и фольклор; Древнерусская литература; Басни; А. С. Пушкин. Лирика; М. Ю. Лермонтов; Н. В. Гоголь; И. С. Тургенев; Н. А. Некрасов; Л. Н. Толстой; А. П. Чехов; Поэзия Серебряного века; Литература о войне; Зарубежная литература; Внеклассное чтение') },
  { name: 'Математика', short: 'Мат', specialty: 'math', split: false, topics: t('Натуральные числа; Сложение и вычитание; Умножение и деление; Задачи на движение; Дроби; Десятичные дроби; Проценты; Отношения и пропорции; Положительные и отрицательные числа; Площади и объёмы; Итоговое повторение') },
  { name: 'Алгебра', short: 'Алг', specialty: 'math', split: false, topics: t('Выражения и их преобразования; Линейные уравнения; Функции и графики; Степень с натуральным показателем; Многочлены; Формулы сокращённого умножения; Квадратные корни; Квадратные уравнения; Неравенства; Системы уравнений; Прогрессии; Итоговое повторение') },
  { name: 'Геометрия', short: 'Геом', specialty: 'math', split: false, topics: t('Начальные геометрические сведения; Треугольники; Параллельные прямые; Соотношения в треугольнике; Четырёхугольники; Площадь; Подобные треугольники; Окружность; Векторы; Итоговое повторение') },
  { name: 'Вероятность и статистика', short: 'ВиС', specialty: 'math', split: false, topics: t('Представление данных; Описательная статистика; Случайная изменчивость; Графы; Случайные события; Вероятность события; Комбинаторика') },
  { name: 'Окружающий мир', short: 'ОкрМ', specialty: 'primary', split: false, topics: t('Природа и человек; Неживая природа; Растения; Животные; Человек и общество; Наш край; Безопасность; Путешествие по России; Страницы истории') },
  { name: 'Английский язык', short: 'Англ', specialty: 'english', split: true, topics: t('Greetings and introductions; My family; School life; Food and drinks; Hobbies and free time; My town; Travelling; Weather and seasons; Shopping; Health; Famous people; Revision') },
  { name: 'Информатика', short: 'Инф', specialty: 'cs', split: true, topics: t('Техника безопасности в кабинете; Информация и информационные процессы; Компьютер и программное обеспечение; Системы счисления; Алгоритмы и исполнители; Основы программирования; Электронные таблицы; Компьютерные сети; Итоговое повторение') },
  { name: 'История', short: 'Ист', specialty: 'history', split: false, topics: t('Древний мир; Древняя Греция; Древний Рим; Раннее Средневековье; Русь в IX–XII веках; Московское государство; Эпоха Петра I; Россия в XVIII веке; Россия в XIX веке; Новейшая история; Обобщение') },
  { name: 'Обществознание', short: 'Общ', specialty: 'history', split: false, topics: t('Человек в обществе; Семья; Социальные нормы; Экономика; Право; Политика и государство; Гражданин и государство; Духовная культура; Итоговое повторение') },
  { name: 'География', short: 'Гео', specialty: 'geo', split: false, topics: t('Земля во Вселенной; План и карта; Литосфера; Гидросфера; Атмосфера; Биосфера; Материки и океаны; Население мира; География России; Хозяйство России') },
  { name: 'Биология', short: 'Био', specialty: 'science', split: false, topics: t('Биология — наука о живом; Клетка; Растения; Грибы и бактерии; Животные; Человек и его здоровье; Наследственность; Экосистемы; Эволюция; Обобщение') },
  { name: 'Физика', short: 'Физ', specialty: 'physics', split: false, topics: t('Физика и методы познания; Строение вещества; Механическое движение; Силы; Давление; Работа и энергия; Тепловые явления; Электрические явления; Магнитные явления; Световые явления; Итоговое повторение') },
  { name: 'Химия', short: 'Хим', specialty: 'science', split: false, topics: t('Первоначальные химические понятия; Кислород и водород; Вода и растворы; Основные классы соединений; Периодический закон; Строение атома; Химическая связь; Окислительно-восстановительные реакции; Металлы; Неметаллы') },
  { name: 'Физическая культура', short: 'Физ-ра', specialty: 'pe', split: false, practical: true, topics: t('Лёгкая атлетика; Спортивные игры: волейбол; Гимнастика; Лыжная подготовка; Спортивные игры: баскетбол; Подвижные игры; Сдача нормативов ГТО') },
  { name: 'Музыка', short: 'Муз', specialty: 'arts', split: false, practical: true, topics: t('Музыка вокруг нас; Народная музыка; Классическая музыка; Музыкальный театр; Музыка народов мира; Современная музыка') },
  { name: 'Изобразительное искусство', short: 'ИЗО', specialty: 'arts', split: false, practical: true, topics: t('Рисунок; Живопись; Декоративно-прикладное искусство; Народные промыслы; Архитектура; Дизайн; Портрет и пейзаж') },
  { name: 'Технология', short: 'Техн', specialty: 'tech', split: false, practical: true, topics: t('Техника безопасности; Материалы и их свойства; Обработка древесины; Обработка текстиля; Технологии питания; Робототехника; Проектная работа') },
  { name: 'ОБЖ', short: 'ОБЖ', specialty: 'pe', split: false, topics: t('Безопасность в быту; Безопасность на дорогах; Чрезвычайные ситуации; Первая помощь; Основы обороны государства; Здоровый образ жизни') },
  { name: 'ОРКСЭ', short: 'ОРКСЭ', specialty: 'primary', split: false, passFail: true, topics: t('Россия — наша Родина; Культура и религия; Светская этика; Праздники народов России; Семейные ценности; Защита проекта') },
];

const H = (spec: string): Record<string, number> =>
  Object.fromEntries(
    spec.split(',').map((p) => {
      const [name, hours] = p.split('=') as [string, string];
      return [name.trim(), Number(hours)];
    }),
  );

/** Weekly hours by grade. Grades 1–4: 21/23 h; 5–9: 28–31 h; 10–11: universal profile. */
export const HOURS_BY_GRADE: Record<number, Record<string, number>> = {
  1: H('Русский язык=5, Литературное чтение=4, Математика=4, Окружающий мир=2, Музыка=1, Изобразительное искусство=1, Технология=1, Физическая культура=3'),
  2: H('Русский язык=5, Литературное чтение=4, Английский язык=2, Математика=4, Окружающий мир=2, Музыка=1, Изобразительное искусство=1, Технология=1, Физическая культура=3'),
  3: H('Русский язык=5, Литературное чтение=4, Английский язык=2, Математика=4, Окружающий мир=2, Музыка=1, Изобразительное искусство=1, Технология=1, Физическая культура=3'),
  4: H('Русский язык=5, Литературное чтение=3, Английский язык=2, Математика=4, Окружающий мир=2, ОРКСЭ=1, Музыка=1, Изобразительное искусство=1, Технология=1, Физическая культура=3'),
  5: H('Русский язык=5, Литература=3, Английский язык=3, Математика=5, Информатика=1, История=2, География=1, Биология=1, Музыка=1, Изобразительное искусство=1, Технология=2, Физическая культура=3'),
  6: H('Русский язык=6, Литература=3, Английский язык=3, Математика=5, Информатика=1, История=2, Обществознание=1, География=1, Биология=1, Музыка=1, Изобразительное искусство=1, Технология=2, Физическая культура=2'),
  7: H('Русский язык=4, Литература=2, Английский язык=3, Алгебра=3, Геометрия=2, Вероятность и статистика=1, Информатика=1, История=2, Обществознание=1, География=2, Биология=1, Физика=2, Музыка=1, Изобразительное искусство=1, Технология=2, Физическая культура=2'),
  8: H('Русский язык=3, Литература=2, Английский язык=3, Алгебра=3, Геометрия=2, Вероятность и статистика=1, Информатика=1, История=2, Обществознание=1, География=2, Биология=2, Физика=2, Химия=2, Музыка=1, Технология=1, ОБЖ=1, Физическая культура=2'),
  9: H('Русский язык=3, Литература=3, Английский язык=3, Алгебра=3, Геометрия=2, Вероятность и статистика=1, Информатика=1, История=2, Обществознание=1, География=2, Биология=2, Физика=3, Химия=2, ОБЖ=1, Физическая культура=2'),
  10: H('Русский язык=2, Литература=3, Английский язык=3, Алгебра=4, Геометрия=2, Вероятность и статистика=1, Информатика=1, История=2, Обществознание=2, География=1, Биология=1, Физика=2, Химия=1, ОБЖ=1, Физическая культура=2'),
  11: H('Русский язык=2, Литература=3, Английский язык=3, Алгебра=4, Геометрия=2, Вероятность и статистика=1, Информатика=1, История=2, Обществознание=2, География=1, Биология=1, Физика=2, Химия=1, ОБЖ=1, Физическая культура=2'),
};

/** Subjects the primary class teacher teaches in grades 1–4; the rest go to specialists. */
const PRIMARY_OWN = new Set(['Русский язык', 'Литературное чтение', 'Математика', 'Окружающий мир', 'Изобразительное искусство', 'Технология', 'ОРКСЭ']);

export function subjectDef(name: string): SubjectDef {
  const s = SUBJECTS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown subject ${name}`);
  return s;
}

export function specialtyFor(subject: string, grade: number): Specialty {
  if (grade <= 4 && PRIMARY_OWN.has(subject)) return 'primary';
  return subjectDef(subject).specialty;
}

/** Subgroups only from grade 5: in primary school English is taught to the whole class here. */
export function isSplit(subject: string, grade: number): boolean {
  return grade >= 5 && subjectDef(subject).split;
}

export const GROUP_ABBR: Record<string, string> = { 'Английский язык': 'англ.', Информатика: 'информ.' };

export const WORK_TYPES = [
  { key: 'answer', name: 'Ответ на уроке', weight: 1, isControl: false, isMakeUp: false },
  { key: 'homework', name: 'Домашняя работа', weight: 1, isControl: false, isMakeUp: false },
  { key: 'independent', name: 'Самостоятельная работа', weight: 1.5, isControl: false, isMakeUp: false },
  { key: 'check', name: 'Проверочная работа', weight: 1.5, isControl: false, isMakeUp: false },
  { key: 'control', name: 'Контрольная работа', weight: 2, isControl: true, isMakeUp: false },
  { key: 'makeup', name: 'Отработка', weight: 1, isControl: false, isMakeUp: true },
] as const;
export type WorkTypeKey = (typeof WORK_TYPES)[number]['key'];

/** Homework text for the n-th lesson of a subject; null where none is set. */
export function homeworkFor(subject: SubjectDef, grade: number, n: number): string | null {
  if (grade === 1 || subject.practical || subject.passFail) return null; // no homework in the first grade
  if (n % 9 === 0) return null;
  const page = 10 + n * 2;
  switch (subject.specialty) {
    case 'russian':
      return subject.name === 'Литература' ? `Прочитать с. ${page}–${page + 12}, ответить на вопросы` : `Упр. ${100 + n * 3}, выучить правило`;
    case 'primary':
      return subject.name === 'Литературное чтение' ? `Читать с. ${page}–${page + 4}, пересказ` : `С. ${page}, № ${(n % 7) + 1}, ${(n % 7) + 3}`;
    case 'math':
      return `№ ${200 + n * 4}, ${201 + n * 4}, ${203 + n * 4}`;
    case 'english':
      return `SB p. ${page}, ex. ${(n % 6) + 1}; WB p. ${Math.ceil(n / 2) + 3}`;
    default:
      return `§ ${Math.ceil(n / 2)}, вопросы ${(n % 5) + 1}–${(n % 5) + 3} после параграфа`;
  }
}

/** Topic of lesson n of total: the year's topics in order, each spanning several lessons. */
export function topicFor(subject: SubjectDef, n: number, total: number): string {
  const i = Math.min(subject.topics.length - 1, Math.floor(((n - 1) * subject.topics.length) / Math.max(total, 1)));
  return `Тема ${n}. ${subject.topics[i]}`;
}
