import { useId } from 'react';
import { useModal } from './use-modal';

/**
 * The job aid's pop-up ("Are you sure you want to re-enroll?" OK / Cancel) as a modal `<dialog>`:
 * focus moves into it and stays there, starting on Cancel (two Enters must not act), Escape
 * cancels, and focus returns to the button after.
 */
export function ConfirmDialog({
  question,
  detail,
  confirm = 'OK',
  onConfirm,
  onCancel,
}: {
  question: string;
  detail?: string;
  /** The button that acts: the job aid's "OK", or the action's own name where that is plainer. */
  confirm?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { dialog, initial } = useModal();
  const id = useId();
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={detail ? `${id}-d` : undefined}
      onCancel={onCancel}
    >
      <h2 id={`${id}-q`}>{question}</h2>
      {detail && <p id={`${id}-d`}>{detail}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} ref={initial}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
