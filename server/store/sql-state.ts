/**
 * The SQLSTATE of an error PostgreSQL (or PGlite) raised, or null for any other error.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function sqlStateOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
