// What a portal address and access key must look like to work at all (issue 9). Checked when
// the administrator saves them (and again before a send, for values stored before the check
// existed), so a key typed in the Russian layout is refused at once with a message that says
// what to do, instead of failing every send later as "no connection" (an HTTP header cannot
// carry Cyrillic: fetch throws before a byte leaves the machine). Pure: the form uses it too.

/** Printable ASCII without the space: what a bearer token can carry in an HTTP header. */
const KEY_CHARS = /^[\x21-\x7e]+$/;
const KEY_MIN = 8;
const KEY_MAX = 500;

/** null when the key can work; otherwise a Russian message saying what to fix. */
export function portalKeyProblem(key: string): string | null {
  if (key.trim() === '') return 'Введите ключ доступа, выданный порталом';
  if (/[\u0400-\u04ff]/.test(key))
    return 'Ключ доступа содержит русские буквы: похоже, он набран в русской раскладке. Переключите раскладку на английскую и введите ключ заново';
  if (/\s/.test(key)) return 'Ключ доступа не может содержать пробелы и переводы строк: скопируйте ключ заново, без пробелов';
  if (!KEY_CHARS.test(key))
    return 'Ключ доступа содержит недопустимые символы: допустимы только латинские буквы, цифры и знаки. Введите ключ заново';
  if (key.length < KEY_MIN) return `Ключ доступа слишком короткий (меньше ${KEY_MIN} символов): проверьте, что он скопирован целиком`;
  if (key.length > KEY_MAX) return `Ключ доступа слишком длинный (больше ${KEY_MAX} символов): проверьте, что скопирован только ключ`;
  return null;
}

/** null when the address can work ('' switches the export off); otherwise a Russian message. */
export function portalUrlProblem(url: string): string | null {
  if (url === '') return null;
  const hint = 'Укажите адрес вида https://портал.example.ru/ — так, как его выдал портал';
  if (/\s/.test(url) || /[\x00-\x1f\x7f]/.test(url)) return `Адрес портала содержит пробелы или управляющие символы. ${hint}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `Адрес портала записан неверно. ${hint}`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `Адрес портала должен начинаться с https:// (или http://). ${hint}`;
  if (!u.hostname) return `В адресе портала нет имени сервера. ${hint}`;
  if (u.username || u.password) return 'Адрес портала не должен содержать имя пользователя или пароль: ключ доступа вводится отдельно';
  if (u.search || u.hash) return `Адрес портала не должен содержать «?» или «#». ${hint}`;
  return null;
}

/** The address as stored: a trailing slash, so "api/packages" resolves under its path. */
export function normalizePortalUrl(url: string): string {
  if (url === '') return '';
  const u = new URL(url);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}
