// The whole bridge between the page and the main process: one function. The page never gets
// ipcRenderer itself, so a script injected into it cannot reach any other channel.
// Sandboxed preloads may only require('electron'): keep this file free of other imports.
import { contextBridge, ipcRenderer } from 'electron';

const METHOD = /^[a-z]+\.[A-Za-z]+$/;
let lastId = 0;

const bridge = {
  invoke(method: string, input: unknown, token: string | null) {
    // Checked here as well as in main: a malformed name never crosses the process boundary.
    if (typeof method !== 'string' || !METHOD.test(method))
      return Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'Нет такого метода' } });
    if (token !== null && typeof token !== 'string')
      return Promise.resolve({ ok: false as const, error: { code: 'validation' as const, message: 'Неверный токен сеанса' } });
    return ipcRenderer.invoke('rpc', method, input, token);
  },
  /** Live updates of one journal: the listener gets 'open', each event, then at most one 'end'. */
  subscribe(groupId: number, subjectId: number, token: string | null, listener: (message: unknown) => void): () => void {
    const ok = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
    if (!ok(groupId) || !ok(subjectId) || typeof listener !== 'function' || (token !== null && typeof token !== 'string')) return () => {};
    const id = ++lastId;
    // Only this subscription's messages, and only their data: never the IPC event object.
    const onMessage = (_e: unknown, subId: unknown, message: unknown) => subId === id && listener(message);
    ipcRenderer.on('live', onMessage);
    ipcRenderer.send('live:open', id, groupId, subjectId, token);
    return () => {
      ipcRenderer.removeListener('live', onMessage);
      ipcRenderer.send('live:close', id);
    };
  },
  // The compiler holds this to the declaration the renderer uses (src-renderer/zhurnal.d.ts).
} satisfies NonNullable<Window['zhurnal']>;

contextBridge.exposeInMainWorld('zhurnal', bridge);
