/**
 * The playground's few DOM helpers (no framework): build elements and SVG, and format numbers
 * the way the tour and `ecdh-lab explain` print them.
 *
 *   small numbers (below 2^32)   decimal, as a learner checks them by hand
 *   large ones (P-256 values)    hex, in groups of 8 digits (32-bit words), most significant first
 *   the point at infinity        O
 */
import { INFINITY, type AffinePoint } from '../math.js';

type Child = Node | string | number | bigint | null | undefined | false;
type Attributes = Record<string, string | number | bigint | boolean | undefined>;

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * An HTML element with attributes and children (strings become text nodes, never HTML).
 * @example h('p', { class: 'note' }, 'p = ', 223n).outerHTML // '<p class="note">p = 223</p>'
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element with attributes and children.
 * @example svg('circle', { cx: 4, cy: 27, r: 1.5 }).outerHTML // '<circle cx="4" cy="27" r="1.5"></circle>'
 */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A labelled input; `onInput` runs on every change. */
export function field(
  label: string,
  attributes: Attributes,
  onInput: (value: string) => void,
): { wrapper: HTMLLabelElement; input: HTMLInputElement } {
  const input = h('input', { spellcheck: 'false', autocomplete: 'off', ...attributes });
  input.addEventListener('input', () => onInput(input.value));
  return { wrapper: h('label', { class: 'field' }, h('span', {}, label), input), input };
}

/** A button that runs `onClick`. */
export function button(
  text: string,
  attributes: Attributes,
  onClick: () => void,
): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, text);
  element.addEventListener('click', onClick);
  return element;
}

/** A bigint in hex, zero-padded to `bytes` bytes, in groups of 8 digits. */
export function groupedHex(value: bigint, bytes = 32): string {
  return (
    value
      .toString(16)
      .padStart(bytes * 2, '0')
      .match(/.{1,8}/g) ?? []
  ).join(' ');
}

/** Bytes in hex, in groups of 8 digits. */
export function bytesHex(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return (hex.match(/.{1,8}/g) ?? []).join(' ');
}

/** A number as the tour prints it: decimal below 2^32, else grouped hex. */
export function formatNumber(value: bigint): string {
  return value >= 0n && value < 1n << 32n ? value.toString(10) : `0x${groupedHex(value)}`;
}

/** A point as '(x, y)', or 'O' for the point at infinity. */
export function formatPoint(P: AffinePoint): string {
  if (P === INFINITY) return 'O';
  return `(${formatNumber(P.x)}, ${formatNumber(P.y)})`;
}

/**
 * Parses a non-negative integer typed by a person: decimal, or hex with 0x (spaces and
 * underscores between digits are ignored).
 * @returns the value, or undefined when the text is not such a number
 */
export function parseInteger(text: string): bigint | undefined {
  const clean = text.trim().replace(/[\s_]/g, '');
  if (/^-?\d+$/.test(clean)) return BigInt(clean);
  if (/^0x[0-9a-f]+$/i.test(clean)) return BigInt(clean);
  return undefined;
}

/** A message to the reader, in the style of the page's notices. */
export function notice(kind: 'error' | 'ok' | 'info', ...children: Child[]): HTMLElement {
  return h(
    'p',
    { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : undefined },
    ...children,
  );
}

/**
 * Runs `work` once the browser has painted the view (after the next frame): a view shows and
 * answers clicks first, and its slower P-256 computations fill in a moment later.
 */
export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
