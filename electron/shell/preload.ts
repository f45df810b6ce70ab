// Sandboxed preload: exposes the contract's named methods and nothing else. No ipcRenderer reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../../shared/contract/bridge.ts';
import type { Result } from '../../shared/contract/result.ts';

const bridge = createBridge({
  call: (method, input) => ipcRenderer.invoke(method, input) as Promise<Result<unknown>>,
  subscribe(event, listener) {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => void ipcRenderer.removeListener(event, handler);
  },
});

contextBridge.exposeInMainWorld('consortia', bridge);
