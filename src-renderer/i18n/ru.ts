// Russian, the default and reference dictionary: its keys are the message keys, and
// `{name}` placeholders in its texts decide which parameters t() requires.
import { adminRu } from './admin.ru';
import { backupRu } from './backup.ru';
import { networkRu } from './network.ru';
import { exportRu } from './export.ru';
import { journalRu } from './journal.ru';
import { pairingRu } from './pairing.ru';
import { calendarRu } from './calendar.ru';
import { timetableRu } from './timetable.ru';
import { closingRu } from './closing.ru';
import { columnsRu } from './columns.ru';
import { planRu } from './plan.ru';
import { rolloverRu } from './rollover.ru';
import { archiveRu } from './archive.ru';
import { overviewRu } from './overview.ru';
import { sheetsRu } from './sheets.ru';
import { remarksRu } from './remarks.ru';
import { journalPrintRu } from './journalprint.ru';
import { checkRu } from './check.ru';
import { formsRu } from './forms.ru';
import { reportsRu } from './reports.ru';
import { reportsBRu } from './reports-b.ru';

export const ru = {
  'app.title': 'Электронный журнал',
  'app.loading': 'Загрузка…',
  'app.retry': 'Повторить',
  'app.demoBadge': 'демо',
  'app.noSections': 'Для ваших ролей пока нет доступных разделов. Обратитесь к администратору.',

  'lang.label': 'Язык интерфейса',
  'lang.ru': 'Русский',
  'lang.en': 'English',

  'login.heading': 'Вход в журнал',
  'login.login': 'Логин',
  'login.password': 'Пароль',
  'login.submit': 'Войти',
  'login.busy': 'Проверка…',
  'login.demoBanner': 'Демо-школа',
  'login.demoIntro': 'Учебная база с вымышленными учениками и учителями. Войдите под одной из учётных записей:',
  'login.demoLogin': 'Логин',
  'login.demoPassword': 'Пароль',
  'login.demoRole': 'Кто это',
  'login.demoUse': 'Подставить логин {login}',

  'setup.heading': 'Первый запуск',
  'setup.intro':
    'В базе школы ещё нет администратора. Создайте его учётную запись: паролей по умолчанию нет, пароль придумывает администратор.',
  'setup.surname': 'Фамилия',
  'setup.name': 'Имя',
  'setup.patronymic': 'Отчество (если есть)',
  'setup.login': 'Логин администратора',
  'setup.loginHint': 'Латинские буквы, цифры, точка, дефис, подчёркивание',
  'setup.password': 'Пароль',
  'setup.passwordHint': 'Не короче 8 символов',
  'setup.password2': 'Пароль ещё раз',
  'setup.submit': 'Создать администратора и войти',
  'setup.busy': 'Создание…',

  'password.mismatch': 'Пароли не совпадают',
  'password.tooShort': 'Пароль не короче 8 символов',
  'field.required': 'Заполните поле',

  'change.heading': 'Смена пароля',
  'change.intro': 'Вам выдан временный пароль. Прежде чем работать с журналом, придумайте свой — не короче 8 символов.',
  'change.old': 'Текущий пароль',
  'change.new': 'Новый пароль',
  'change.repeat': 'Новый пароль ещё раз',
  'change.submit': 'Сменить пароль',
  'change.busy': 'Сохранение…',

  'lock.heading': 'Сеанс заблокирован',
  'lock.intro': 'Рабочее место было оставлено без присмотра. Чтобы продолжить, введите пароль.',
  'lock.user': 'Пользователь: {name}',
  'lock.password': 'Пароль',
  'lock.submit': 'Разблокировать',
  'lock.busy': 'Проверка…',
  'lock.logout': 'Выйти и войти под другим именем',

  'header.lock': 'Заблокировать',
  'header.lockTitle': 'Заблокировать сеанс, уходя от компьютера',
  'header.logout': 'Выйти',
  'header.user': 'Пользователь',
  'nav.label': 'Разделы',
  'nav.journal': 'Журнал',
  'nav.plan': 'КТП',
  'nav.year': 'Учебный год',
  'year.tab.calendar': 'Календарь',
  'year.tab.timetable': 'Расписание',
  'year.tab.substitutions': 'Замены',
  'year.tab.closing': 'Закрытие периодов',
  'year.tab.rollover': 'Перевод года',
  'nav.admin': 'Администрирование',
  'nav.export': 'Выгрузка',
  'nav.control': 'Контроль',

  'role.teacher': 'учитель',
  'role.classTeacher': 'классный руководитель',
  'role.deputy': 'заместитель директора по УВР',
  'role.supervisor': 'контроль услуги',
  'role.administrator': 'администратор',
  'role.director': 'директор',

  'journal.heading': 'Журнал',
  'journal.load': 'Мои классы и предметы',
  'journal.noLoad': 'В этом учебном году за вами не закреплено ни одного класса или предмета.',
  'journal.readerNote': 'Журналы классов открываются выбором в списке «Открыть журнал» выше.',
  'journal.col.class': 'Класс',
  'journal.col.group': 'Группа',
  'journal.col.subject': 'Предмет',
  'journal.col.hours': 'Часов в неделю',
  'journal.col.pupils': 'Учеников',
  'journal.col.access': 'Доступ',
  'journal.wholeClass': 'весь класс',
  'journal.access.write': 'ведение',
  'journal.access.read': 'просмотр (кл. рук.)',
  'journal.week': 'Уроки на неделе',
  'journal.weekRange': '{from} — {to}',
  'journal.prevWeek': '← Предыдущая',
  'journal.nextWeek': 'Следующая →',
  'journal.thisWeek': 'Текущая неделя',
  'journal.today': 'сегодня',
  'journal.noLessonsDay': 'Уроков нет',
  'journal.noLessonsWeek': 'На этой неделе уроков по расписанию нет.',
  'journal.col.slot': 'Урок',
  'journal.col.room': 'Каб.',
  'journal.room': 'каб. {room}',
  'journal.col.topic': 'Тема',
  'journal.slot': '{n}-й',
  'journal.noTopic': 'тема не указана',
  'journal.notHeld': 'не проведён',
  'journal.lessonCount': 'Уроков: {n}',

  'placeholder.soon': 'Раздел появится в следующих версиях.',
  'placeholder.admin':
    'Здесь будут сотрудники и их роли, учебная нагрузка, UID портала и заявления родителей на подключение к электронному дневнику.',
  'placeholder.export':
    'Здесь будут очередь пакетов выгрузки на портал, их состояние, квитанции портала и ручная полная выгрузка.',
  'placeholder.control':
    'Здесь будут ежемесячная проверка заполнения журнала, перечень замечаний учителям и сверка с электронным дневником.',
  ...adminRu,
  ...journalRu,
  ...exportRu,
  ...backupRu,
  ...networkRu,
  ...pairingRu,
  ...calendarRu,
  ...timetableRu,
  ...closingRu,
  ...columnsRu,
  ...planRu,
  ...rolloverRu,
  ...archiveRu,
  ...overviewRu,
  ...sheetsRu,
  ...remarksRu,
  ...journalPrintRu,
  ...checkRu,
  ...formsRu,
  ...reportsRu,
  ...reportsBRu,
} as const;
