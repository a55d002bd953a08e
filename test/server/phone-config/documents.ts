import example from '../../fixtures/phone-config/example.json' with { type: 'json' };
import { formatIssues, validatePhoneConfig, type ValidateOptions } from '../../../server/phone-config/validate.ts';

/** Tests edit documents into every wrong shape an admin could send, so they are untyped on purpose. */
export type Doc = any;

/** The realistic document from the fixture, as an admin would import it; a fresh copy each time. */
export function exampleDocument(): Doc {
  return structuredClone(example);
}

/** The example with one change applied: `changed((doc) => { doc.users[0].role = 'rep'; })`. */
export function changed(edit: (document: Doc) => void): Doc {
  const document = exampleDocument();
  edit(document);
  return document;
}

/** What the admin reads back: `path: message` lines, or [] when the document is accepted. */
export function problems(document: unknown, options?: ValidateOptions): string[] {
  const result = validatePhoneConfig(document, options);
  return result.ok ? [] : formatIssues(result.issues);
}
