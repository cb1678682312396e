// The whole bridge between the page and the main process: one function. The page never gets
// ipcRenderer itself, so a script injected into it cannot reach any other channel.
// Sandboxed preloads may only require('electron'): keep this file free of other imports.
import { contextBridge, ipcRenderer } from 'electron';

const METHOD = /^[a-z]+\.[A-Za-z]+$/;

const bridge = {
  invoke(method: string, input: unknown, token: string | null) {
    // Checked here as well as in main: a malformed name never crosses the process boundary.
    if (typeof method !== 'string' || !METHOD.test(method))
      return Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'Нет такого метода' } });
    if (token !== null && typeof token !== 'string')
      return Promise.resolve({ ok: false as const, error: { code: 'validation' as const, message: 'Неверный токен сеанса' } });
    return ipcRenderer.invoke('rpc', method, input, token);
  },
  // The compiler holds this to the declaration the renderer uses (src-renderer/zhurnal.d.ts).
} satisfies NonNullable<Window['zhurnal']>;

contextBridge.exposeInMainWorld('zhurnal', bridge);
