import { inDocumentOrder, type ConfigIssue, type PathSegment } from './issues.ts';
import { createReporter, field, items, text } from './raw.ts';

/**
 * Every place a phone configuration plays an uploaded audio file: a number's messages (welcome,
 * unavailable, busy, closed), a number's hold music (also what its waiting line hears), the hold
 * music of outgoing calls, and the recording notice. One list, so that deleting a file and checking a document never miss one.
 */
const NUMBER_PROMPTS = ['welcome', 'unavailable', 'busy', 'closed'] as const;

export interface AudioReference {
  /** Where the id sits: `['incoming', 0, 'messages', 'closed', 'audioId']`. */
  path: PathSegment[];
  audioId: string;
  /** The incoming number (as written in the document) that plays it; absent: outgoing calls. */
  number?: { number: string; label: string };
}

/** Reads the document as sent (raw) or as stored: anything of another shape is skipped (zod reports it). */
export function audioReferencesOf(document: unknown): AudioReference[] {
  const references: AudioReference[] = [];
  const add = (value: unknown, path: PathSegment[], number?: AudioReference['number']) => {
    const audioId = field(value, 'type') === 'audio' ? text(field(value, 'audioId')) : undefined;
    if (audioId !== undefined && audioId !== '') references.push({ path: [...path, 'audioId'], audioId, ...(number ? { number } : {}) });
  };
  items(field(document, 'incoming')).forEach((incoming, index) => {
    const number = { number: text(field(incoming, 'number')) ?? '', label: text(field(incoming, 'label')) ?? '' };
    const messages = field(incoming, 'messages');
    for (const prompt of NUMBER_PROMPTS) add(field(messages, prompt), ['incoming', index, 'messages', prompt], number);
    add(field(incoming, 'holdMusic'), ['incoming', index, 'holdMusic'], number);
  });
  add(field(field(document, 'settings'), 'outgoingHoldMusic'), ['settings', 'outgoingHoldMusic']);
  add(field(field(field(document, 'settings'), 'recordingNotice'), 'message'), ['settings', 'recordingNotice', 'message']);
  return references;
}

/**
 * Every audio file the document plays exists on this server (`audioIds`, the stored files): a document
 * exported elsewhere names files this server never had, and callers would hear nothing. Each missing
 * one is `audio_not_found` at its path (`incoming[0].messages.closed.audioId`), in document order.
 */
export function checkAudioFiles(document: unknown, audioIds: ReadonlySet<string>): ConfigIssue[] {
  const reporter = createReporter();
  for (const reference of audioReferencesOf(document)) {
    if (!audioIds.has(reference.audioId)) reporter.report(reference.path, 'audio_not_found');
  }
  return inDocumentOrder(reporter.issues, document);
}
