import Papa from 'papaparse';
import { z } from 'zod';

/**
 * Who to invite, from what an admin pastes: one address per line, a comma- or semicolon-separated list,
 * addresses copied from a mail client (`佐藤 花子 <sato@example.jp>`), or a CSV/TSV export with a header
 * (a column named like "name" / "氏名" gives the names). Each address once; anything that is not an
 * address is handed back so the admin sees what was left out.
 */

export interface InviteEntry {
  email: string;
  name?: string;
}
export interface ParsedInviteList {
  entries: InviteEntry[];
  /** Cells or lines that looked like neither an address nor a name. */
  rejected: string[];
}

const emailSchema = z.email();
const ADDRESS = /(?:"?([^"<>]*?)"?\s*<([^<>\s]+)>)|([^\s<>,;"]+@[^\s<>,;"]+)/g;
const NAME_HEADER = /^(name|full ?name|display ?name|氏名|名前|表示名)$/i;
const EMAIL_HEADER = /^(e-?mail|e-?mail address|mail|メール|メールアドレス)$/i;

interface Found {
  email: string;
  name?: string;
}

function addressesIn(cell: string): { found: Found[]; rest: string } {
  const found: Found[] = [];
  const rest = cell.replace(ADDRESS, (_whole, displayName: string | undefined, bracketed: string | undefined, bare: string | undefined) => {
    const name = displayName?.trim();
    found.push({ email: (bracketed ?? bare ?? '').trim(), ...(name ? { name } : {}) });
    return ' ';
  });
  return { found, rest: rest.replace(/^[\s,;]+|[\s,;]+$/g, '') };
}

export function parseInviteList(text: string): ParsedInviteList {
  // Copied from a mail client, names may hold the separator ("Tanaka, Jiro" <…>): read by line, not as CSV.
  const mailStyle = /<[^<>\s]+@[^<>\s]+>/.test(text);
  const rows = mailStyle
    ? text.split(/\r?\n/).filter((line) => line.trim()).map((line) => [line])
    : Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';', '|'] }).data;
  const entries = new Map<string, InviteEntry>();
  const rejected: string[] = [];
  let nameColumn: number | null = null;
  let header = false;

  rows.forEach((row, index) => {
    const cells = row.map((cell) => cell.trim());
    if (index === 0 && cells.some((cell) => EMAIL_HEADER.test(cell) || NAME_HEADER.test(cell))) {
      const column = cells.findIndex((cell) => NAME_HEADER.test(cell));
      nameColumn = column >= 0 ? column : null;
      header = true;
      return;
    }
    const found: Found[] = [];
    const others: string[] = [];
    cells.forEach((cell, column) => {
      const { found: inCell, rest } = addressesIn(cell);
      found.push(...inCell);
      if (rest && column !== nameColumn) others.push(rest);
    });
    const columnName = nameColumn === null ? undefined : cells[nameColumn] || undefined;
    // "佐藤 花子, sato@example.jp": one address and one other cell, the other cell is the name.
    const impliedName = nameColumn === null && found.length === 1 && others.length === 1 ? others.pop() : undefined;
    for (const { email, name } of found) {
      if (!emailSchema.safeParse(email).success) {
        rejected.push(email);
        continue;
      }
      const key = email.toLowerCase();
      const chosen = name ?? columnName ?? impliedName;
      if (!entries.has(key)) entries.set(key, { email, ...(chosen ? { name: chosen.slice(0, 100) } : {}) });
    }
    // Under a header the other columns are known (department, phone…); a row without an address is not.
    if (!header) rejected.push(...others);
    else if (found.length === 0) rejected.push(cells.filter(Boolean).join(', '));
  });
  return { entries: [...entries.values()], rejected };
}
