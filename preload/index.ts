import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildLoketApi, channelOf } from '../core/ipc.ts';

// The page gets window.loket and nothing else: never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'loket',
  buildLoketApi({
    invoke: (name, request) => ipcRenderer.invoke(channelOf(name), request),
    subscribe: (name, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channelOf(name), handler);
      return () => {
        ipcRenderer.removeListener(channelOf(name), handler);
      };
    },
  }),
);
