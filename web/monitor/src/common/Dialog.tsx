import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './dialog.module.css';
import form from './form.module.css';

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

export interface FormDialogProps extends Omit<DialogProps, 'children'>, Omit<DialogActionsProps, 'onCancel'> {
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  /** What went wrong, a line each, above the actions; nothing while empty. */
  errors: readonly string[];
  /** Leave checking the fields to the submit handler (it says what is wrong in `errors`). */
  noValidate?: boolean;
  /** The fields. */
  children: ReactNode;
}

/**
 * A dialog holding one form: the fields, what went wrong (announced), then Cancel and the submit button.
 * Cancel, Escape and the close button all call `onClose`.
 */
export function FormDialog({
  title,
  onClose,
  wide = false,
  onSubmit,
  errors,
  noValidate = false,
  children,
  ...actions
}: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form onSubmit={onSubmit} className={styles.dialogBody} style={{ padding: 0 }} noValidate={noValidate}>
        {children}
        {errors.length > 0 && (
          <div className={form.formError} role="alert">
            {errors.map((e) => (
              <div key={e}>{e}</div>
            ))}
          </div>
        )}
        <DialogActions onCancel={onClose} {...actions} />
      </form>
    </Dialog>
  );
}
