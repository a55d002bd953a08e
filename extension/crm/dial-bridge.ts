/**
 * The one place the content script talks to the extension: our button was clicked, dial this.
 * Message contract (extension/messaging/protocol.ts `dialMessage`, a strict object):
 * `{ type: 'dial', to: e164, record: { crm, module, id, name, url } | null }`.
 */
import { browser } from 'wxt/browser';
import type { DialRequest } from './inject';
import type { CrmRecord } from './types';

export interface DialMessage {
  type: 'dial';
  to: string;
  record: { crm: string; module: string; id: string; name: string; url: string } | null;
}

export function dialMessage(request: DialRequest): DialMessage {
  return { type: 'dial', to: request.e164, record: request.record ? recordForMessage(request.record) : null };
}

// The protocol's record has a required name (≤ 256): an unknown name travels as ''.
function recordForMessage(record: CrmRecord): NonNullable<DialMessage['record']> {
  return {
    crm: record.crm,
    module: record.module,
    id: record.id,
    name: (record.name ?? '').slice(0, 256),
    url: record.url,
  };
}

export async function sendDial(request: DialRequest): Promise<void> {
  await browser.runtime.sendMessage(dialMessage(request));
}
