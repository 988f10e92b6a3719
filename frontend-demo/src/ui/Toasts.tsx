/**
 * Messages that come and go — what a bulk action did, a request that failed — shown in
 * one region fixed at the bottom of the screen, over the page: they never push the table
 * down while someone is about to click a row.
 */
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useMemo, useRef, useState } from "preact/hooks";

type Render = (dismiss: () => void) => ComponentChildren;

export interface Toasts {
  /** Show something; it goes after `timeoutMs`, or when dismissed (`null`: stays). */
  show(render: Render, timeoutMs?: number | null): void;
  error(text: string): void;
  info(text: string): void;
}

const ToastContext = createContext<Toasts | null>(null);

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error("useToasts() outside <ToastArea>");
  return toasts;
}

interface Shown {
  id: number;
  render: Render;
}

/** The most shown at once; older ones make room. */
const MOST = 3;

export function ToastArea({ children }: { children: ComponentChildren }) {
  const [shown, setShown] = useState<Shown[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setShown((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback((render: Render, timeoutMs: number | null = null) => {
    const id = next.current++;
    setShown((all) => [...all.slice(-(MOST - 1)), { id, render }]);
    if (timeoutMs !== null) setTimeout(() => dismiss(id), timeoutMs);
  }, [dismiss]);
  const toasts = useMemo<Toasts>(() => ({
    show,
    error: (text) => show((close) => (
      <div class="notice notice--error toast__simple" role="alert">
        <p>{text}</p>
        <button type="button" class="icon-button" aria-label="Dismiss" onClick={close}>×</button>
      </div>
    )),
    info: (text) => show((close) => (
      <div class="notice notice--info toast__simple" role="status">
        <p>{text}</p>
        <button type="button" class="icon-button" aria-label="Dismiss" onClick={close}>×</button>
      </div>
    ), 8000),
  }), [show]);
  return (
    <ToastContext.Provider value={toasts}>
      {children}
      <div class="toasts" aria-live="polite">
        {shown.map((toast) => <div key={toast.id} class="toast">{toast.render(() => dismiss(toast.id))}</div>)}
      </div>
    </ToastContext.Provider>
  );
}
