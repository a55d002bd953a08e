import { genericTelAdapter } from './generic-tel';
import type { PageAdapter } from './types';
import { zohoAdapter } from './zoho';

/** CRM-specific adapters, most specific first. Add one file per CRM and list it here. */
export const CRM_ADAPTERS: readonly PageAdapter[] = [zohoAdapter];

export interface AdapterChoice {
  /** The rep enabled this (non-CRM) site in the options page: scan tel: links and text. */
  genericEnabled: boolean;
}

/** The one adapter that runs on a page: its CRM's, else the generic one on sites the rep enabled. */
export function adapterFor(url: URL, { genericEnabled }: AdapterChoice): PageAdapter | null {
  return CRM_ADAPTERS.find((adapter) => adapter.matches(url)) ?? (genericEnabled ? genericTelAdapter : null);
}
