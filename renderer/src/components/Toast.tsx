import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** How long a toast stays: long enough to read two short sentences. */
const TOAST_MS = 3500;

interface Toasts {
  show(message: string): void;
}

const ToastContext = createContext<Toasts>({ show: () => undefined });

/** One short confirmation at a time ("Address copied."), announced politely to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  const nextId = useRef(1);
  const show = useCallback((text: string) => setMessage({ text, id: nextId.current++ }), []);
  useEffect(() => {
    if (!message) return undefined;
    const timer = setTimeout(() => setMessage(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {message && (
          <p className="toast" key={message.id} data-testid="toast">
            {message.text}
          </p>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
