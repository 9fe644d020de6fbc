import './jobProgress.css';

// The one progress and cancel UI of long work (issue 11): an import, an export, and whatever job comes next show
// the same bar, the same line of words and the same Cancel. It shows what it is given; the job's following is
// shared/api/jobs.ts's.

export interface JobProgressProps {
  /** The bar's accessible name: "Files scanned", "Export in progress". */
  label: string;
  /** Units finished of `total`; a total of 0 is not known yet (the bar sweeps without filling). */
  done: number;
  total: number;
  /** The line a person reads under the bar: what the job does now. */
  text: string;
  /** The Cancel button's words ("Cancel import"); no button without `onCancel`. */
  cancelLabel?: string;
  onCancel?: () => void;
  /** A cancel was asked for and the job has not stopped yet: Cancel is disabled. */
  cancelling?: boolean;
}

/**
 * The share of the bar to fill: the unit under way counts as half done (a bar that stands still at 0% during a
 * long first step looks stuck); never more than all, 0 while the total is unknown.
 */
export function filledShare(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, done < total ? (done + 0.5) / total : 1));
}

export function JobProgress({ label, done, total, text, cancelLabel = 'Cancel', onCancel, cancelling = false }: JobProgressProps) {
  const known = total > 0;
  return (
    <div className="job-progress">
      <div
        className={`job-bar${known ? '' : ' is-unknown'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? Math.min(done, total) : undefined}
        aria-valuetext={text}
      >
        <span style={{ width: `${Math.round(filledShare(done, total) * 1000) / 10}%` }} />
      </div>
      <div className="job-progress-line">
        <p role="status" aria-live="polite">
          {text}
        </p>
        {onCancel && (
          <button type="button" data-autofocus disabled={cancelling} onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </div>
  );
}
