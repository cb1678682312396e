// «Отчёты» (issue 13): the reports screen. Spread into ru.ts; en must have exactly these keys (reports.en.ts).
export const reportsRu = {
  'nav.reports': 'Отчёты',
  'reports.tab.card': 'Табель успеваемости',
  'reports.class': 'Класс',
  'reports.pupil': 'Ученик',
  'reports.wholeClass': 'Весь класс',
  'reports.term': 'Период',
  'reports.wholeYear': 'Учебный год',
  'reports.term.quarter': '{n} четверть',
  'reports.term.half': '{n} полугодие',
  'reports.term.trimester': '{n} триместр',
  'reports.from': 'Отметки и пропуски с',
  'reports.to': 'по',
  'reports.build': 'Построить',
  'reports.preparing': 'Готовится отчёт…',
  'reports.problem.noClass': 'Выберите класс.',
  'reports.problem.badDate': 'Введите даты начала и конца периода.',
  'reports.problem.reversed': 'Начало периода позже конца: поменяйте даты местами.',
  'reports.problem.outsideYear': 'Даты должны лежать в текущем учебном году.',
  'reports.card.hint':
    'Табель ученика или всего класса (каждый ученик на своей странице): отметки за четверть или за год, текущие отметки и пропуски за выбранные даты.',
  'reports.card.noClass': 'Табель строит классный руководитель своего класса, заместитель директора или директор.',
} as const;
