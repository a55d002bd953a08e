import { messages } from '../../../extension/locales/messages';

/**
 * What a screen must never show a rep: text meant for the code, not for people. A dictionary key shown
 * as is (a missing or mistyped key falls back to itself: `status.offline`, `check.device.fix`), a value
 * that never got its text (`undefined`, `[object Object]`), a raw exception (`Error: …`).
 *
 * A key is a dotted name in one of the dictionary's namespaces. Host names look alike and are real
 * text (`status.twilio.com` is Twilio's status page, `crm.zoho.jp` a CRM page): a dotted name ending in
 * one of their top-level domains is a host name, unless it is a key of the dictionary itself (`crm.org`).
 */
const keys = new Set(Object.keys(messages));
const namespaces = new Set([...keys].map((key) => key.split('.')[0]!));
/** The top-level domains of the host names our texts and pages name. */
const HOST_NAME = /\.(?:com|jp|net|org|io)$/;
/** A dotted name standing on its own (not the tail of a URL, an e-mail address or a longer name). */
const DOTTED_NAME = /(?<![\w.@/*-])[a-z][\w-]*(?:\.[\w-]+)+/gi;
const NOT_TEXT = /undefined|\[object|Error:/g;

/** The dictionary keys `text` shows as they are. */
export function rawKeysIn(text: string): string[] {
  return [...text.matchAll(DOTTED_NAME)]
    .map(([name]) => name.replace(/[.-]+$/, ''))
    .filter((name) => keys.has(name) || (namespaces.has(name.split('.')[0]!) && !HOST_NAME.test(name)));
}

/** Every piece of `text` that is not for people; none on a screen that works. */
export function rawTextIn(text: string): string[] {
  return [...rawKeysIn(text), ...[...text.matchAll(NOT_TEXT)].map(([match]) => match)];
}
