/**
 * A modal dialog on the browser's own `<dialog>` (focus kept inside, Escape closes it).
 * On narrow screens it fills the screen.
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
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
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
