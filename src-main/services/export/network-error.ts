// Why a request to the portal found no one to talk to, in words an administrator can act on.
// Node's fetch says only "fetch failed"; the reason is in `cause` (a system error code, or a
// message such as "bad port" for ports the fetch standard blocks). The code stays in
// parentheses for the portal's support.

const REASONS: [RegExp, string][] = [
  [/^ECONNREFUSED$/, 'портал не принимает соединения по этому адресу'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'имя портала не найдено (проверьте адрес и DNS)'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, 'соединение оборвалось'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)$/, 'портал не отвечает'],
  [/^(ENETUNREACH|EHOSTUNREACH|ENETDOWN)$/, 'сеть недоступна'],
  [/CERT|TLS|SSL|SIGNATURE/, 'сертификат портала не прошёл проверку'],
];

/** "портал не принимает соединения по этому адресу (ECONNREFUSED)" and the like. */
export function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const message = typeof cause?.message === 'string' ? cause.message : '';
  if (code) {
    const known = REASONS.find(([re]) => re.test(code));
    return `${known ? known[1] : 'сетевая ошибка'} (${code})`;
  }
  if (/bad port/i.test(message)) return 'этот порт запрещён для соединений: укажите адрес с другим портом';
  return 'сетевая ошибка';
}
