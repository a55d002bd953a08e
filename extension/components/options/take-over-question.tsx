import { t } from '@/locales/i18n';

export interface TakeOverQuestionProps {
  /** The sentence's element id: the dialog is labelled by it. */
  id: string;
  /** takeOverText's sentence, or why Twilio failed to connect the number. */
  question: string;
  /** The go-ahead; "Connect it to Yobidashi anyway" unless told. */
  confirmLabel?: string | undefined;
  /** While a request is under way, the go-ahead waits. */
  busy?: boolean | undefined;
  onConfirm: () => void;
  onDismiss: () => void;
}

/**
 * "Take over this number?": a number answers elsewhere (409 number_in_use) or Twilio failed to point it
 * here; the admin goes ahead or leaves it unconnected. One dialog for adding a number and the setup check.
 */
export function TakeOverQuestion({ id, question, confirmLabel, busy = false, onConfirm, onDismiss }: TakeOverQuestionProps) {
  return (
    <div class="yb-alert yb-alert--error" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div class="yb-actions">
        <button type="button" class="yb-button yb-button--primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel ?? t('incoming.takeOver')}
        </button>
        <button type="button" class="yb-button" onClick={onDismiss}>
          {t('incoming.leaveUnconnected')}
        </button>
      </div>
    </div>
  );
}
