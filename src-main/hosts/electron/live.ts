// Live journal updates over IPC (school network, DESIGN.md §10): the preload's subscribe()
// opens a subscription here; events, the end of the stream and refusals go back to that one
// window on the 'live' channel, tagged with the page's own subscription id. A window that goes
// away (closed, reloaded, crashed) ends all of its subscriptions.
import type { IpcMain, IpcMainEvent, WebContents, WebFrameMain } from 'electron';
import type { Router } from '../../rpc/router';

type Close = () => void;

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export function registerLiveIpc(ipcMain: IpcMain, router: Router, fromOurApp: (frame: WebFrameMain | null) => boolean): void {
  const open = new Map<WebContents, Map<number, Close>>();

  const of = (wc: WebContents) => {
    let subs = open.get(wc);
    if (!subs) {
      open.set(wc, (subs = new Map()));
      const drop = () => {
        for (const close of subs!.values()) close();
        open.delete(wc);
      };
      wc.once('destroyed', drop);
      // A reload starts a new page whose ids mean nothing: the old page's streams end.
      wc.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) drop();
      });
    }
    return subs;
  };

  ipcMain.on('live:open', (event: IpcMainEvent, id: unknown, groupId: unknown, subjectId: unknown, token: unknown) => {
    if (!fromOurApp(event.senderFrame) || !isId(id) || !isId(groupId) || !isId(subjectId)) return;
    if (token !== null && typeof token !== 'string') return;
    const wc = event.sender;
    const send = (message: unknown) => {
      if (!wc.isDestroyed()) wc.send('live', id, JSON.parse(JSON.stringify(message)));
    };
    router
      .subscribe(token, { groupId, subjectId }, (e) => send({ kind: 'event', event: e }), {
        onEnd: (error) => {
          open.get(wc)?.delete(id);
          send({ kind: 'end', error });
        },
      })
      .then(
        (sub) => {
          if (!sub.ok) return send({ kind: 'end', error: sub.error });
          if (wc.isDestroyed()) return sub.close();
          of(wc).set(id, sub.close);
          send({ kind: 'open' });
        },
        (e: unknown) => {
          console.error('live subscribe failed', e);
          send({ kind: 'end', error: { code: 'internal', message: 'Внутренняя ошибка программы' } });
        },
      );
  });

  ipcMain.on('live:close', (event: IpcMainEvent, id: unknown) => {
    if (!isId(id)) return;
    const subs = open.get(event.sender);
    subs?.get(id)?.();
    subs?.delete(id);
  });
}
