// Forms with correct Russian (issue 13). Same keys as forms.ru.ts.
import type { formsRu } from './forms.ru';

export const formsEn: { readonly [K in keyof typeof formsRu]: string } = {
  'admin.tab.school': 'School',
  'forms.school.heading': "The school's name on documents",
  'forms.school.intro': 'The full name is printed in the headers of documents and applications («Директору …»).',
  'forms.school.name': 'Short name',
  'forms.school.fullName': 'Full name (nominative)',
  'forms.school.fullNameHint':
    'As in the charter, e.g. Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 123 Невского района Санкт-Петербурга',
  'forms.school.fullNameGenitive': 'Full name in the genitive (кого? чего?)',
  'forms.school.fullNameGenitiveHint':
    'Organisation names do not decline reliably by rule: type it, e.g. «…учреждения средней общеобразовательной школы № 123…».',
  'forms.school.fallback': 'Until it is filled in, documents say: «Директору {text}».',
  'forms.school.preview': 'On the application: «Директору {text}».',
  'forms.school.save': 'Save',
  'forms.school.saved': 'Saved.',

  'forms.names.button': 'Names on the form',
  'forms.names.buttonTitle': 'How the names are printed on the application; correct a case form',
  'forms.names.heading': 'Names on application № {number}',
  'forms.names.intro':
    'Names are declined by rule. If a form is wrong (a rare name), correct it: the correction is printed on every document.',
  'forms.names.guardian': 'Applicant: «от …» (genitive)',
  'forms.names.pupil': 'Child: «моего ребёнка (подопечного) …» (genitive)',
  'forms.names.printed': 'Printed as: {text}',
  'forms.names.corrected': 'corrected by hand',
  'forms.names.auto': 'by rule: {text}',
  'forms.names.stale': 'The correction «{text}» was made for a former spelling of the name and is not printed.',
  'forms.names.surname': 'Surname',
  'forms.names.name': 'Name',
  'forms.names.patronymic': 'Patronymic',
  'forms.names.save': 'Save correction',
  'forms.names.reset': 'Back to the rule',
  'forms.names.gender': 'Gender for agreement',
  'forms.names.gender.auto': 'from the name ({guess})',
  'forms.names.gender.male': 'male',
  'forms.names.gender.female': 'female',
  'forms.names.gender.unknown': 'cannot tell',
  'forms.names.gender.unknownHint':
    'The name does not tell the gender: it is printed undeclined, and the text says «ознакомлен(а)». Choose the gender.',
  'forms.names.listFrom': 'от {text}',
  'forms.names.listChild': 'ребёнка {text}',
  'forms.names.close': 'Close',
  'forms.preview.heading': 'Printed as:',
  'forms.preview.child': 'моего ребёнка (подопечного) {text}',
  'forms.preview.newGuardian': "a new guardian's name is declined once registered (check it: «Names on the form» in the list);",
};
