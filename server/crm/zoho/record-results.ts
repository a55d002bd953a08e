import { z } from 'zod';
import { PermanentError, RetryableError } from '../errors.ts';
import type { ZohoResponse } from './client.ts';

/** One entry of `data[]` in an insert/update/upload answer. 201/200/207/400 all carry them. */
const recordResultSchema = z.object({
  code: z.string(),
  status: z.enum(['success', 'error']),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const recordResultsSchema = z.object({ data: z.array(recordResultSchema).min(1) });

export type RecordResult = z.infer<typeof recordResultSchema>;

/**
 * The id of the single record written, or a PermanentError naming Zoho's code and the field
 * (`INVALID_DATA` / `MANDATORY_NOT_FOUND` with `details.api_name`). Always read `data[i].status`,
 * never only the HTTP status: a 207 or even a 201 can hold errors.
 */
export function singleRecordId(response: ZohoResponse, what: string): string {
  const parsed = recordResultsSchema.safeParse(response.body);
  if (!parsed.success) throw new RetryableError('bad_response', `Unexpected Zoho answer to ${what} (${response.status})`, { details: response.body });
  const [result] = parsed.data.data;
  if (!result) throw new RetryableError('bad_response', `Empty Zoho answer to ${what}`);
  if (result.status === 'error') {
    throw new PermanentError(result.code, `${what} rejected: ${result.code} ${describe(result)}`.trim(), result.details ?? null);
  }
  const id = result.details?.['id'];
  if (typeof id !== 'string') throw new RetryableError('bad_response', `Zoho answer to ${what} has no id`, { details: result });
  return id;
}

function describe(result: RecordResult): string {
  const field = result.details?.['api_name'];
  return [result.message, typeof field === 'string' ? `(${field})` : ''].filter(Boolean).join(' ');
}

/** The field Zoho named when it refused a record (`details.api_name`), if it named one. */
export function refusedField(error: PermanentError): string | null {
  const field = (error.details as { api_name?: unknown } | null)?.api_name;
  return typeof field === 'string' ? field : null;
}

/** The lookups that tie a Call or a Task to the caller's record ("Contact Name", "Related To"). */
const LINK_FIELDS = new Set(['Who_Id', 'What_Id']);
/** [inferred] Zoho answers a lookup to a deleted or foreign record with INVALID_DATA naming the field; the rest are defensive. */
const DEAD_LINK_CODES = new Set(['INVALID_DATA', 'ID_ALREADY_DELETED', 'RECORD_NOT_FOUND', 'INVALID_REFERENCE']);

/**
 * Zoho refused the record for its link to a record it no longer has (merged away, deleted, or the
 * org connected before a reconnect): the one recogniser for Calls and Tasks alike.
 */
export function isDeadLinkError(error: unknown): error is PermanentError {
  if (!(error instanceof PermanentError)) return false;
  const field = refusedField(error);
  return field !== null && LINK_FIELDS.has(field) && DEAD_LINK_CODES.has(error.code);
}
