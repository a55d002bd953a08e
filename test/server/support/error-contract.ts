import { expect } from 'vitest';
import type { ApiErrorCode } from '../../../contract/api-errors.ts';
import { contractViolations } from './contract-violations.ts';

export { contractViolations, JAPANESE } from './contract-violations.ts';

/**
 * One error response checked against the contract (contract/api-errors.ts): see
 * contract-violations.ts for what is checked. Fails the test naming every violation; returns every
 * code the body carries (the error's and its issues').
 */
export function checkErrorBody(status: number, body: unknown, where = 'response'): ApiErrorCode[] {
  const { codes, violations } = contractViolations(status, body);
  expect(violations, `${where}: ${JSON.stringify(body)}`).toEqual([]);
  return codes;
}
