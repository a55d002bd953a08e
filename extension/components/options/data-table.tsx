import type { ComponentChildren } from 'preact';

/**
 * A table of the options page: its column headings, then the rows its section renders. `actions`: a
 * last column holds each row's buttons; its heading is for screen readers only, as the buttons name
 * what they do.
 */
export function DataTable({
  columns,
  actions,
  testId,
  children,
}: {
  columns: readonly string[];
  actions?: string;
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="yb-table-wrap">
      <table class="yb-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((label, index) => (
              <th scope="col" key={index}>{label}</th>
            ))}
            {actions !== undefined && (
              <th scope="col"><span class="yb-visually-hidden">{actions}</span></th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
