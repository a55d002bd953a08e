/**
 * Zoho search criteria: `(Field:operator:value)` leaves joined by `and` / `or` inside parentheses,
 * e.g. `((Call_Type:equals:Inbound)and(Call_Start_Time:equals:2026-11-24T10:15:00+09:00))`.
 * `(`, `)`, `,` and `\` in values are backslash-escaped.
 */
export type Criteria =
  | { kind: 'leaf'; field: string; operator: string; value: string }
  | { kind: 'group'; joiner: 'and' | 'or'; parts: Criteria[] };

const OPERATORS = new Set(['equals', 'not_equal', 'starts_with', 'in', 'greater_than', 'greater_equal', 'less_than', 'less_equal']);

export function parseCriteria(text: string): Criteria | null {
  let position = 0;
  const parseGroup = (): Criteria | null => {
    if (text[position] !== '(') return null;
    position++;
    if (text[position] === '(') {
      const parts: Criteria[] = [];
      let joiner: 'and' | 'or' | null = null;
      for (;;) {
        const part = parseGroup();
        if (!part) return null;
        parts.push(part);
        if (text[position] === ')') {
          position++;
          return { kind: 'group', joiner: joiner ?? 'and', parts };
        }
        const word = text.startsWith('and', position) ? 'and' : text.startsWith('or', position) ? 'or' : null;
        if (!word || (joiner && joiner !== word)) return null;
        joiner = word;
        position += word.length;
      }
    }
    let raw = '';
    while (position < text.length && text[position] !== ')') {
      if (text[position] === '\\') position++;
      raw += text[position] ?? '';
      position++;
    }
    if (text[position] !== ')') return null;
    position++;
    const [field, operator, ...rest] = raw.split(':');
    if (!field || !operator || !OPERATORS.has(operator) || rest.length === 0) return null;
    return { kind: 'leaf', field, operator, value: rest.join(':') };
  };
  const criteria = parseGroup();
  return criteria && position === text.length ? criteria : null;
}

export function matchesCriteria(record: Record<string, unknown>, criteria: Criteria): boolean {
  if (criteria.kind === 'group') {
    return criteria.joiner === 'and' ? criteria.parts.every((part) => matchesCriteria(record, part)) : criteria.parts.some((part) => matchesCriteria(record, part));
  }
  const actual = record[criteria.field];
  const text = typeof actual === 'object' && actual !== null ? String((actual as { id?: unknown }).id ?? '') : String(actual ?? '');
  const asTime = (value: string) => (/^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN);
  const [left, right] = [asTime(text), asTime(criteria.value)];
  const timed = !Number.isNaN(left) && !Number.isNaN(right);
  switch (criteria.operator) {
    // In v8, `equals` on text behaves like contains; on datetimes it compares instants.
    case 'equals':
      return timed ? left === right : text.toLowerCase().includes(criteria.value.toLowerCase());
    case 'not_equal':
      return timed ? left !== right : text !== criteria.value;
    case 'starts_with':
      return text.toLowerCase().startsWith(criteria.value.toLowerCase());
    case 'in':
      return criteria.value.split(',').includes(text);
    case 'greater_than':
      return timed ? left > right : Number(text) > Number(criteria.value);
    case 'greater_equal':
      return timed ? left >= right : Number(text) >= Number(criteria.value);
    case 'less_than':
      return timed ? left < right : Number(text) < Number(criteria.value);
    case 'less_equal':
      return timed ? left <= right : Number(text) <= Number(criteria.value);
    default:
      return false;
  }
}
