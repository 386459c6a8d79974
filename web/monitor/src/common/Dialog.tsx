import { type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './dialog.module.css';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider dialog (forms with several columns, message previews). */
  wide?: boolean;
}

/**
 * A modal `<dialog>` (focus trapped and Escape handled by the browser), labelled by its title. Rendered
 * only while open: mounting opens it, Escape or the close button calls `onClose`.
 */
export function Dialog({ title, onClose, children, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`${styles.dialog} ${wide ? styles.dialogWide : ''}`}
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className={styles.dialogHead}>
        <h2 id={id}>{title}</h2>
        <button type="button" className={styles.close} onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      <div className={styles.dialogBody}>{children}</div>
    </dialog>
  );
}

export interface DialogActionsProps {
  onCancel: () => void;
  /** The save runs: the submit button says so and waits. */
  busy: boolean;
  /** The form cannot be sent yet (e.g. a required comment is empty). */
  disabled?: boolean;
  submitLabel: string;
}

/** The foot of a form dialog: Cancel, and the submit button, which says "Saving…" while the save runs. */
export function DialogActions({ onCancel, busy, disabled = false, submitLabel }: DialogActionsProps) {
  return (
    <div className={styles.dialogActions}>
      <button type="button" className="kpi-button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="kpi-button kpi-button-primary" disabled={busy || disabled}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </div>
  );
}
