"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

export type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children?: ReactNode;
  /** The safe choice: focused when the dialog opens, and what Esc does. */
  cancelLabel: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
  busy?: boolean;
};

/**
 * A modal confirmation on the native <dialog> (showModal): the page behind is inert, focus starts on
 * the safe button, Esc cancels, and the title and body label and describe it for screen readers.
 */
export function ConfirmDialog({ open, title, children, cancelLabel, confirmLabel, onCancel, onConfirm, busy }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      // Esc fires "cancel"; keep React's state the source of truth rather than letting the browser close it.
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="row confirm-actions">
        <button type="button" ref={cancelRef} onClick={onCancel} autoFocus>
          {cancelLabel}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
