// Reading TwiML attributes and checking nesting; a value Twilio would refuse is a TwimlError 12200.

import { childElements } from './xml.ts';
import type { XmlElement } from './xml.ts';
import { TwimlError } from './twiml-error.ts';
import type { HttpMethod } from './twiml-verbs.ts';

export function optional(element: XmlElement, name: string): string | null {
  const value = element.attributes[name];
  return value === undefined ? null : value;
}

export function integer(element: XmlElement, name: string, fallback: number): number {
  const value = element.attributes[name];
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value)) throw new TwimlError(12200, `<${element.name} ${name}="${value}"> is not a whole number`);
  return Number(value);
}

export function boolean(element: XmlElement, name: string, fallback: boolean): boolean {
  const value = element.attributes[name];
  if (value === undefined) return fallback;
  if (value !== 'true' && value !== 'false') throw new TwimlError(12200, `<${element.name} ${name}="${value}"> is not true|false`);
  return value === 'true';
}

export function method(element: XmlElement, name: string): HttpMethod {
  return oneOf(element, name, ['GET', 'POST'], 'POST');
}

export function oneOf<T extends string>(element: XmlElement, name: string, allowed: readonly T[], fallback: T): T {
  const value = element.attributes[name];
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new TwimlError(12200, `<${element.name} ${name}="${value}"> is not one of ${allowed.join('|')}`);
  }
  return value as T;
}

export function words(element: XmlElement, name: string, fallback: string[]): string[] {
  const value = element.attributes[name];
  if (value === undefined) return fallback;
  return value.split(/[\s,]+/).filter((word) => word !== '');
}

export function assertNoText(element: XmlElement): void {
  for (const child of element.children) {
    if (child.type === 'text' && child.text.trim() !== '') {
      throw new TwimlError(12200, `Unexpected text "${child.text.trim()}" in <${element.name}>`);
    }
  }
}

export function assertNoChildElements(element: XmlElement): void {
  const child = childElements(element)[0];
  if (child) throw new TwimlError(12200, `<${child.name}> cannot be nested in <${element.name}>`);
}

export function assertEmpty(element: XmlElement): void {
  assertNoChildElements(element);
  assertNoText(element);
}
