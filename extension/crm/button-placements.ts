/**
 * Which call buttons sit where. Each source node (a Zoho value span, a tel: link, a text node) remembers
 * the numbers it got buttons for, so placing the same targets again is a no-op: re-scans never double
 * a button. The page's own nodes are never written to (no marker attribute): a button is recognised by
 * its tag, its source by this map.
 */
import { activateCallButton, createCallButton, releaseCallButtons, reserveCallButton, type ButtonLanguage, type CallButtonOptions } from './call-button';
import type { PhoneTarget } from './types';

interface Placement {
  signature: string;
  text: string | null;
  hosts: HTMLElement[];
  /** A place kept for a button (call-button.ts `reserveCallButton`), not (or not yet) a button. */
  reserved?: boolean;
  /** Reserved, and its number not parsed yet. */
  pending?: boolean;
}

export interface PlacementOptions {
  /** Asked when the first button is made (the rep's setting, else the browser's language). */
  language(): ButtonLanguage;
  trustedClicksOnly: boolean;
  onClick(target: PhoneTarget): void;
  /** Counts buttons added and removed (for scan statistics). */
  onChange(added: number, removed: number): void;
}

export function createButtonPlacements(document: Document, options: PlacementOptions) {
  const placements = new Map<Node, Placement>();
  /** Hosts we have not removed ourselves: if one leaves the DOM, the page removed it. */
  const liveHosts = new WeakSet<Node>();
  let language: ButtonLanguage | null = null;

  function remove(source: Node): void {
    const placement = placements.get(source);
    if (!placement) return;
    for (const host of placement.hosts) {
      liveHosts.delete(host);
      host.remove();
    }
    placements.delete(source);
    if (!placement.reserved) options.onChange(0, placement.hosts.length);
  }

  const buttonOptions = (target: PhoneTarget): CallButtonOptions => ({
    display: target.display,
    language: (language ??= options.language()),
    trustedClicksOnly: options.trustedClicksOnly,
    onClick: () => options.onClick(target),
  });

  /**
   * Keeps the place of `source`'s button (an element holding one value, a Zoho value span): the page
   * lays it out now, with the rows, and `place` later turns it into the button without moving anything.
   */
  function reserve(source: Element): void {
    if (placements.has(source) || !source.parentNode) return;
    const host = reserveCallButton(document);
    source.parentNode.insertBefore(host, source.nextSibling);
    liveHosts.add(host);
    placements.set(source, { signature: '', text: source.textContent, hosts: [host], reserved: true, pending: true });
  }

  /** Buttons for `targets` right after their nodes, replacing what `source` had if the numbers changed. */
  function place(source: Element | Text, targets: PhoneTarget[]): void {
    const signature = targets.map((target) => target.e164).join(' ');
    const existing = placements.get(source);
    if (existing?.reserved) {
      const [host] = existing.hosts;
      const [target] = targets;
      if (host?.isConnected && host.previousSibling === source && targets.length <= 1) {
        // Not a number after all: the place stays, invisible (taking it back would move the table).
        if (!target) return void placements.set(source, { ...existing, text: source.textContent, pending: false });
        if (target.after === source) {
          activateCallButton(host, buttonOptions(target));
          placements.set(source, { signature, text: source.textContent, hosts: [host] });
          options.onChange(1, 0);
          return;
        }
      }
      remove(source);
    } else if (existing) {
      if (existing.signature === signature && existing.hosts.every((host) => host.isConnected)) return;
      remove(source);
    }
    const first = targets[0];
    if (!first) return;
    const hosts: HTMLElement[] = [];
    let after: Node = first.after;
    for (const target of targets) {
      const parent = after.parentNode;
      if (!parent) break;
      const host = createCallButton(document, buttonOptions(target));
      parent.insertBefore(host, after.nextSibling);
      liveHosts.add(host);
      hosts.push(host);
      after = host;
    }
    placements.set(source, { signature, text: source.textContent, hosts });
    options.onChange(hosts.length, 0);
  }

  /**
   * True while `source` is on the page showing the text its buttons were made for. A CRM that swaps or
   * edits a value leaves its old button on screen until the next prune: that button must not dial.
   */
  function isCurrent(source: Node): boolean {
    const placement = placements.get(source);
    return placement !== undefined && source.isConnected && placement.text === source.textContent;
  }

  /** True when `source` already has its buttons and its text has not changed since: nothing to parse. */
  function isUpToDate(source: Node): boolean {
    const placement = placements.get(source);
    return (
      placement !== undefined &&
      !placement.pending &&
      placement.text === source.textContent &&
      placement.hosts.every((host) => host.isConnected)
    );
  }

  const buttonsIn = (placement: Placement | undefined) => (!placement || placement.reserved ? 0 : placement.hosts.length);

  /**
   * Drops buttons whose value left the page. Returns the sources still on the page whose value changed
   * in place or whose button the page removed: they need a fresh look.
   */
  function prune(): Node[] {
    const stale: Node[] = [];
    for (const [source, placement] of placements) {
      if (!source.isConnected) remove(source);
      else if (source.textContent !== placement.text || placement.hosts.some((host) => !host.isConnected)) {
        remove(source);
        stale.push(source);
      }
    }
    return stale;
  }

  return {
    place,
    prune,
    isUpToDate,
    isCurrent,
    /** Removes what `source` had (the page removed it): its buttons must not outlive it on screen. */
    remove,
    reserve,
    has: (source: Node) => placements.has(source),
    /** True while `source` has a reserved place and its number is not parsed yet. */
    isPending: (source: Node) => placements.get(source)?.pending === true,
    buttonsOf: (source: Node) => buttonsIn(placements.get(source)),
    /** True for a host we placed and still consider on the page. */
    isLive: (host: Node) => liveHosts.has(host),
    get buttonCount() {
      let total = 0;
      for (const placement of placements.values()) total += buttonsIn(placement);
      return total;
    },
    clear() {
      for (const source of [...placements.keys()]) remove(source);
      releaseCallButtons(document);
    },
  };
}
