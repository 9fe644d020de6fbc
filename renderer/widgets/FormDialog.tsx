import { useId, type ReactNode } from 'react';
import { Modal } from './Modal';

interface FormDialogProps {
  title: string;
  /** The submit button's words: what it does ("Add module", "Create"). */
  submitLabel: string;
  /** False greys the submit button out (a required field is empty); Enter in a field submits otherwise. */
  canSubmit: boolean;
  onSubmit(): void;
  /** Escape, the backdrop and Cancel. */
  onCancel(): void;
  /** What is wrong with what was typed, shown under the fields as one line. */
  problem?: string | null;
  formClassName?: string;
  children: ReactNode;
}

/** A modal with a form: its fields, then Cancel and the submit button; Enter in a field submits. */
export function FormDialog({
  title,
  submitLabel,
  canSubmit,
  onSubmit,
  onCancel,
  problem = null,
  formClassName,
  children,
}: FormDialogProps) {
  const formId = useId();
  return (
    <Modal
      title={title}
      onCancel={onCancel}
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={!canSubmit}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className={formClassName}
        onSubmit={(event) => {
          event.preventDefault();
          if (canSubmit) onSubmit();
        }}
      >
        {children}
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
