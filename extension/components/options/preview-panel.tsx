import type { CountryCode } from 'libphonenumber-js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, Preview } from '@/models/admin-api';
import { isKeypadKey, KEYPAD, newSteps, speakSteps } from '@/models/admin-preview';
import type { PreviewStep } from '@/models/admin-schemas';
import { durationText } from '@/models/duration-text';
import { formatForDisplay } from '@/models/phone-number-format';
import { Icon, type IconName } from '../icon';
import { asIfMoment, AsIfFields, type AsIf } from './preview-as-if';
import { messageOf } from './use-async';

/** Where the simulated caller is after a run: the keys of the menu waiting, or of the item ringing. */
export interface PreviewPosition {
  keys: number[];
  waiting: boolean;
}

/**
 * The admin "calls" a number: the server walks its real call flow with the keys pressed so far; the
 * page speaks what a caller would hear and shows what would happen. Each key press re-runs the flow.
 */
export function PreviewPanel({
  api,
  number,
  language,
  onClose,
  onPosition,
  speak = speakSteps,
  country = 'JP',
}: {
  api: AdminApi;
  number: string;
  /** The org's country (settings.defaultCountry): its numbers show in national format. */
  country?: CountryCode | undefined;
  /** The number's configured voice language (ja-JP…), for steps that do not name one. */
  language: string;
  onClose: () => void;
  /** Told after each run, so the IVR builder can highlight the caller's place in the tree. */
  onPosition?: (position: PreviewPosition) => void;
  speak?: typeof speakSteps;
}) {
  const [digits, setDigits] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [asIf, setAsIf] = useState<AsIf>({ date: '', time: '' });
  const last = useRef<Preview | null>(null);

  const run = async (next: string[], moment: AsIf = asIf) => {
    setBusy(true);
    setFailure(null);
    try {
      const at = asIfMoment(moment);
      const result = await (at ? api.preview(number, next, at) : api.preview(number, next));
      speak(newSteps(next.length === 0 ? null : last.current, result), language);
      last.current = result;
      setDigits(next);
      setPreview(result);
      onPosition?.({ keys: result.path, waiting: result.outcome === 'waiting-for-input' });
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void run([]);
    return () => speak([], language);
  }, [number]);

  const waiting = preview?.outcome === 'waiting-for-input' || preview?.outcome === 'waiting-in-line';
  const press = (key: string) => {
    if (waiting && !busy) void run([...digits, key]);
  };
  const lang = uiLanguage.value;
  const keysFrom = firstStepsAKeyStops(preview?.steps ?? []);
  return (
    <section class="yb-preview" aria-labelledby="preview-title" aria-busy={busy}>
      <h3 id="preview-title" class="yb-heading">
        {t('preview.title', { number: formatForDisplay(number, country) })}
      </h3>
      <AsIfFields
        value={asIf}
        disabled={busy}
        onChange={(moment) => {
          setAsIf(moment);
          if (!moment.date === !moment.time) void run([], moment);
        }}
      />
      {failure !== null && <p class="yb-alert yb-alert--error" role="alert">{messageOf(failure)}</p>}
      {preview && (
        <>
          <ol class="yb-preview__steps" aria-label={t('preview.transcript')}>
            {preview.steps.map((step, index) => {
              const { icon, text } = describeStep(step);
              return (
                <li key={index}>
                  <Icon name={icon} /> {text}
                  {keysFrom.has(index) && <span class="yb-tag yb-preview__keys-from">{t('preview.step.keysFromHere')}</span>}
                </li>
              );
            })}
          </ol>
          <p class="yb-alert" role="status" data-testid="preview-summary">
            {preview.summary[lang]}
          </p>
        </>
      )}
      <div
        class="yb-keypad"
        role="group"
        aria-label={t('preview.keypad')}
        onKeyDown={(event) => {
          if (isKeypadKey(event.key)) {
            event.preventDefault();
            press(event.key);
          }
        }}
      >
        {KEYPAD.map((key) => (
          <button type="button" class="yb-keypad__key" key={key} disabled={!waiting || busy} aria-label={t('preview.key', { key })} onClick={() => press(key)}>
            {key}
          </button>
        ))}
      </div>
      <p class="yb-muted">{digits.length > 0 ? t('preview.pressed', { keys: digits.join(' ') }) : t('preview.noKeys')}</p>
      <div class="yb-actions">
        <button type="button" class="yb-button" disabled={busy} onClick={() => void run([])}>
          {t('preview.restart')}
        </button>
        <button
          type="button"
          class="yb-button"
          onClick={() => {
            speak([], language);
            onClose();
          }}
        >
          {t('preview.hangUp')}
        </button>
      </div>
    </section>
  );
}

function describeStep(step: PreviewStep): { icon: IconName; text: string } {
  if ('say' in step) return { icon: 'speaker', text: step.say.text };
  if ('play' in step) return { icon: 'play', text: t('preview.step.play', { url: step.play.url }) };
  if ('pause' in step) return { icon: 'pause', text: t('preview.step.pause', { seconds: step.pause.seconds }) };
  if ('gather' in step) {
    return { icon: 'keypad', text: step.gather.pressed === null ? t('preview.step.waiting') : t('preview.step.pressed', { key: step.gather.pressed }) };
  }
  if ('dial' in step) {
    const names = step.dial.clients.map((client) => client.name).join(uiLanguage.value === 'ja' ? '、' : ', ');
    const key = step.dial.strategy === 'simultaneous' ? 'preview.step.dialAll' : 'preview.step.dialOne';
    return { icon: 'phone', text: t(key, { names, seconds: step.dial.timeout, cycle: step.dial.cycle }) };
  }
  if ('record' in step) return { icon: 'record', text: t('preview.step.record', { length: durationText(step.record.maxLength, uiLanguage.value) }) };
  return { icon: 'hangup', text: t('preview.step.hangup') };
}

/**
 * The first step each Gather reads itself: from there on a caller's key stops what is said and
 * chooses. With a skippable welcome that is the welcome; otherwise the menu's first sentence.
 */
function firstStepsAKeyStops(steps: readonly PreviewStep[]): Set<number> {
  const first = new Set<number>();
  steps.forEach((step, index) => {
    if ('gather' in step && step.gather.prompts) first.add(index - step.gather.prompts);
  });
  return first;
}
