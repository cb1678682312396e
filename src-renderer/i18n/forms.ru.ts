// Forms with correct Russian (issue 13): the school's full name and how names are declined on
// printed forms. Spread into ru.ts; en must have exactly these keys (forms.en.ts).
export const formsRu = {
  'admin.tab.school': 'Школа',
  'forms.school.heading': 'Наименование школы в документах',
  'forms.school.intro': 'Полное наименование печатается в шапках документов и заявлений («Директору …»).',
  'forms.school.name': 'Краткое наименование',
  'forms.school.fullName': 'Полное наименование (именительный падеж)',
  'forms.school.fullNameHint':
    'Как в уставе, например: Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 123 Невского района Санкт-Петербурга',
  'forms.school.fullNameGenitive': 'Полное наименование в родительном падеже (кого? чего?)',
  'forms.school.fullNameGenitiveHint':
    'Названия организаций не склоняются надёжно по правилам: введите сами, например «…учреждения средней общеобразовательной школы № 123…».',
  'forms.school.fallback': 'Пока не заполнено, в документах будет: «Директору {text}».',
  'forms.school.preview': 'В заявлении: «Директору {text}».',
  'forms.school.save': 'Сохранить',
  'forms.school.saved': 'Сохранено.',

  'forms.names.button': 'Имена в заявлении',
  'forms.names.buttonTitle': 'Как имена будут напечатаны в заявлении; исправить падежную форму',
  'forms.names.heading': 'Имена в заявлении № {number}',
  'forms.names.intro':
    'Имена склоняются автоматически по правилам. Если форма неверна (редкое имя), исправьте её: исправление печатается во всех документах.',
  'forms.names.guardian': 'Заявитель: «от …» (родительный падеж)',
  'forms.names.pupil': 'Ребёнок: «моего ребёнка (подопечного) …» (родительный падеж)',
  'forms.names.printed': 'Будет напечатано: {text}',
  'forms.names.corrected': 'исправлено вручную',
  'forms.names.auto': 'по правилам: {text}',
  'forms.names.stale': 'Исправление «{text}» было сделано для прежнего написания имени и не печатается.',
  'forms.names.surname': 'Фамилия',
  'forms.names.name': 'Имя',
  'forms.names.patronymic': 'Отчество',
  'forms.names.save': 'Сохранить исправление',
  'forms.names.reset': 'Вернуть по правилам',
  'forms.names.gender': 'Род для согласования',
  'forms.names.gender.auto': 'по имени ({guess})',
  'forms.names.gender.male': 'мужской',
  'forms.names.gender.female': 'женский',
  'forms.names.gender.unknown': 'не определяется',
  'forms.names.gender.unknownHint': 'По имени род не определить: имя печатается несклоняемым, а в тексте «ознакомлен(а)». Укажите род.',
  'forms.names.listFrom': 'от {text}',
  'forms.names.listChild': 'ребёнка {text}',
  'forms.names.close': 'Закрыть',
} as const;
