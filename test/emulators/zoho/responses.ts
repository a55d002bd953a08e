/** Zoho CRM v8 error bodies, in the shapes of Zoho's OpenAPI examples (`API_Exception`). */

export type ZohoApiError = { code: string; details: Record<string, unknown>; message: string; status: 'error' };

export function apiError(code: string, message: string, details: Record<string, unknown> = {}): ZohoApiError {
  return { code, details, message, status: 'error' };
}

export const INVALID_TOKEN = () => apiError('INVALID_TOKEN', 'invalid oauth token');
export const INVALID_OAUTHTOKEN = () => apiError('INVALID_OAUTHTOKEN', 'invalid oauth token');
export const AUTHENTICATION_FAILURE = () => apiError('AUTHENTICATION_FAILURE', 'Authentication failed');
export const OAUTH_SCOPE_MISMATCH = (scope: string) => apiError('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', { required_scope: scope });
export const INVALID_MODULE = () => apiError('INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
export const INVALID_URL_PATTERN = () => apiError('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
export const TOO_MANY_REQUESTS = (retryAfterSeconds: number) =>
  apiError('TOO_MANY_REQUESTS', 'Rate limit exceeded. Please retry after the specified time.', { retry_after: retryAfterSeconds });
export const INTERNAL_ERROR = () => apiError('INTERNAL_ERROR', 'Internal Server Error');

export function fieldError(code: 'INVALID_DATA' | 'MANDATORY_NOT_FOUND', index: number, apiName: string, message: string, extra: Record<string, unknown> = {}): ZohoApiError {
  return apiError(code, message, { api_name: apiName, json_path: `$.data[${index}].${apiName}`, ...extra });
}

export function recordSuccess(message: string, id: string, time: string, user: { id: string; name: string }) {
  return {
    code: 'SUCCESS',
    details: { Modified_Time: time, Modified_By: user, Created_Time: time, id, Created_By: user },
    message,
    status: 'success' as const,
  };
}

/** Insert/update answers: all good 201 (200 for updates), all bad 400, a mix 207. */
export function multiStatus(results: Array<{ status: 'success' | 'error' }>, successStatus: 200 | 201): 200 | 201 | 207 | 400 {
  const failures = results.filter((result) => result.status === 'error').length;
  if (failures === 0) return successStatus;
  return failures === results.length ? 400 : 207;
}
