// The host and its clients run the same version (ISSUE 10 "Operations"): the RPC contract and
// the database schema move together, so a mixed pair is refused before anything runs, in
// Russian, naming both versions and the side to update. Read by the person at the client PC.

/** -1, 0, 1 comparing dotted numeric versions ("0.10.0" > "0.9.1"); a non-numeric part compares as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** null when the versions match; else the refusal's message. */
export function versionRefusal(clientVersion: string | undefined, hostVersion: string): string | null {
  if (clientVersion === hostVersion) return null;
  if (!clientVersion)
    return `Запрос без версии программы. На сервере школы версия ${hostVersion}: подключайтесь программой «Журнал» той же версии.`;
  const shown = clientVersion.slice(0, 40);
  if (compareVersions(clientVersion, hostVersion) < 0)
    return `Программа на этом компьютере (версия ${shown}) старее, чем на сервере школы (версия ${hostVersion}). Обновите программу на этом компьютере до версии ${hostVersion}.`;
  return `Программа на этом компьютере (версия ${shown}) новее, чем на сервере школы (версия ${hostVersion}). Попросите администратора обновить программу на сервере школы до версии ${shown} (или установите здесь версию ${hostVersion}).`;
}
