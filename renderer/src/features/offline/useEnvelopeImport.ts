import { useCallback, useRef, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';

export type Scanned = Extract<MethodOutput<'offline.scan'>, { done: true }>;

interface ImportState {
  progress: number;
  result: Scanned | null;
  error: unknown;
  /** Parts seen, so a code held in front of the camera is sent once. */
  parts: number;
}

const EMPTY: ImportState = { progress: 0, result: null, error: null, parts: 0 };

/**
 * Scanned QR parts and imported files become one envelope in the main process (offline.scan keeps a
 * session across parts, in any order; offline.importFile takes the whole file). Parts are sent one
 * at a time, because the first answer names the session the others belong to.
 */
export function useEnvelopeImport() {
  const bridge = useBridge();
  const [state, setState] = useState<ImportState>(EMPTY);
  const session = useRef<{ id?: string; seen: Set<string>; queue: Promise<void>; done: boolean }>({
    seen: new Set(),
    queue: Promise.resolve(),
    done: false,
  });

  const scanPart = useCallback(
    (part: string): Promise<void> => {
      const current = session.current;
      const text = part.trim();
      if (current.done || current.seen.has(text)) return current.queue;
      current.seen.add(text);
      current.queue = current.queue.then(async () => {
        if (current.done || session.current !== current) return;
        try {
          const step = await unwrap(
            bridge.offlineScan(current.id ? { sessionId: current.id, part: text } : { part: text }),
          );
          current.id = step.sessionId;
          if (step.done) current.done = true;
          setState((before) => ({
            ...before,
            parts: current.seen.size,
            progress: step.done ? 1 : step.progress,
            result: step.done ? step : null,
            error: null,
          }));
        } catch (error) {
          setState((before) => ({ ...before, error }));
        }
      });
      return current.queue;
    },
    [bridge],
  );

  const importFile = useCallback(
    async (text: string) => {
      try {
        const result = await unwrap(bridge.offlineImportFile({ text }));
        if (result.done) setState({ ...EMPTY, progress: 1, result });
      } catch (error) {
        setState((before) => ({ ...before, error }));
      }
    },
    [bridge],
  );

  const reset = useCallback(() => {
    session.current = { seen: new Set(), queue: Promise.resolve(), done: false };
    setState(EMPTY);
  }, []);

  const fail = useCallback((error: unknown) => setState((before) => ({ ...before, error })), []);

  return { ...state, scanPart, importFile, reset, fail };
}

export type EnvelopeImport = ReturnType<typeof useEnvelopeImport>;
