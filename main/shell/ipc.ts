import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_NAMES, channelOf, type PushName, type PushPayloadOf } from '../../core/ipc.ts';
import { dispatch, type Handlers } from '../ipc/dispatch.ts';
import { isTrustedSenderUrl } from './security-policy.ts';

/** One ipcMain handler per contract entry; each checks the sender, then dispatch validates the payload. */
export function registerIpcHandlers(handlers: Handlers): void {
  for (const name of INVOKE_NAMES) {
    ipcMain.handle(channelOf(name), (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        return {
          ok: false,
          error: { code: 'untrusted_sender', message: 'This page may not use Loket. Only the Loket window can.' },
        };
      }
      return dispatch(handlers, name, payload, console);
    });
  }
}

/** Sends a push event to every window showing our pages. */
export function pushToWindows<K extends PushName>(name: K, payload: PushPayloadOf<K>): void {
  for (const contents of webContents.getAllWebContents()) {
    if (isTrustedSenderUrl(contents.getURL())) contents.send(channelOf(name), payload);
  }
}
