import type { CountryCode } from '@/calling/phone-numbers';

/** The CRM record a call is about; travels with the dial request so the server logs it there. */
export interface CrmRecord {
  crm: string;
  /** Module as the CRM's API names it: `Leads`, `Contacts`, `Accounts`, `Deals`, `CustomModule3`. */
  module: string;
  id: string;
  /** Shown to the rep in the call card; null when the page does not show it (yet). */
  name: string | null;
  url: string;
}

/** One phone value on the page that gets a call button. */
export interface PhoneTarget {
  /** The node that holds the value (an element or a text node); re-scans recognise it by identity. */
  source: Element | Text;
  /** The button goes right after this node. */
  after: Node;
  e164: string;
  /** The number as the page shows it. */
  display: string;
  /**
   * The record of the row the number sits in (list views, related lists); undefined → the page's
   * record. Read at click time (adapters may define it as a getter).
   */
  readonly record?: CrmRecord | null;
}

export interface ScanContext {
  /** The rep's default country for national numbers (JP unless set). */
  country: CountryCode;
  /** The page's current URL (resolves row links; tells list views from record pages). */
  pageUrl: URL;
}

/**
 * Knows one CRM's pages. Split in two so the injector can time-slice big pages: finding candidates is
 * a cheap DOM query, turning a candidate into targets parses numbers.
 */
export interface PageAdapter {
  id: string;
  matches(url: URL): boolean;
  /**
   * For adapters whose candidates are elements holding one value each (Zoho's value spans): a cheap
   * look that never turns away a value `targetsFor` would accept. The injector keeps a button's place
   * after such a value at once and parses it later, when a page change brings more than it can parse
   * before the next frame.
   */
  mayHoldNumber?(candidate: Element): boolean;
  /**
   * Nodes under (or containing) `root` that may hold phone values. Never yields editable content.
   * A text root (its text changed or was added) only stands for itself, never for its whole parent.
   */
  findCandidates(root: ParentNode | Text): Iterable<Element | Text>;
  targetsFor(candidate: Element | Text, context: ScanContext): PhoneTarget[];
  /** The record the page shows, or null (list view, home page, other site). */
  recordContext(location: Location | URL, document: Document): CrmRecord | null;
}

/** Every target under `root`, in document order. */
export function findPhoneTargets(adapter: PageAdapter, root: ParentNode, context: ScanContext): PhoneTarget[] {
  const targets: PhoneTarget[] = [];
  for (const candidate of adapter.findCandidates(root)) targets.push(...adapter.targetsFor(candidate, context));
  return targets;
}
