/**
 * A modal dialog on the browser's own `<dialog>`: focus moves into it and stays there,
 * Escape closes it, and when it closes focus returns to whatever had it before (the
 * button or link that opened it). On narrow screens it fills the screen; it never grows
 * wider or taller than the window — its body scrolls.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

interface Props {
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  /** `wide` for dialogs with tables (the job detail). */
  size?: "normal" | "wide";
  label?: string;
}

export function Dialog({ title, onClose, children, footer, size = "normal", label }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // Back to where the person was, if it is still on the page.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog dialog--${size}`}
      aria-label={label}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header class="dialog__header">
        <h2 class="dialog__title">{title}</h2>
        <button type="button" class="icon-button" aria-label="Close dialog" onClick={onClose}>×</button>
      </header>
      <div class="dialog__body">{children}</div>
      {footer && <footer class="dialog__footer">{footer}</footer>}
    </dialog>
  );
}
