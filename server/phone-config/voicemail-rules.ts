import type { PathSegment } from './issues.ts';
import { field, items, type Reporter } from './raw.ts';
import { VOICEMAIL_SECONDS } from './schema.ts';

/**
 * How long a caller may speak after the beep: within VOICEMAIL_SECONDS, said with both bounds so the
 * admin reads the range at the field (`incoming[0].voicemailMaxSeconds`). A value that is not a whole
 * number is the schema's to report.
 */
export function checkVoicemail(document: unknown, reporter: Reporter): void {
  items(field(document, 'incoming')).forEach((incoming, index) => {
    const seconds = field(incoming, 'voicemailMaxSeconds');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) return;
    if (seconds < VOICEMAIL_SECONDS.min || seconds > VOICEMAIL_SECONDS.max) {
      const path: PathSegment[] = ['incoming', index, 'voicemailMaxSeconds'];
      reporter.report(path, 'voicemail_length_range', { min: VOICEMAIL_SECONDS.min, max: VOICEMAIL_SECONDS.max });
    }
  });
}
