import type { CountryCode } from 'libphonenumber-js';
import type { AdminApi } from '@/models/admin-api';
import type { PhoneConfig } from '@/models/phone-config-types';
import { useAsync } from './use-async';

/**
 * The org's country (`settings.defaultCountry` of GET /api/config): the admin pages show its numbers in
 * national format, as the server words them, and the rest internationally. Japan until the settings
 * are read, and when they cannot be.
 */
export function useOrgCountry(api: AdminApi): CountryCode {
  const settings = useAsync(async () => ((await api.getConfig()) as Partial<PhoneConfig> | null)?.settings, [api]);
  return (settings.data?.defaultCountry ?? 'JP') as CountryCode;
}
