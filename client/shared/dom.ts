/**
 * The only way the three front ends build DOM: elements and text nodes. Strings always become text
 * (textContent), never markup, so nothing a customer, an agent or the API sends can run as HTML.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: any) => void;
export type Props = Record<string, string | number | boolean | null | undefined | Handler | Partial<CSSStyleDeclaration>>;

// Set as properties, not attributes: they reflect live state on form controls.
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'indeterminate', 'open']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  append(el, children);
  return el;
}

export function applyProps(el: Element, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === 'class') {
      el.setAttribute('class', String(value));
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign((el as HTMLElement).style, value);
    } else if (PROPERTIES.has(key)) {
      (el as unknown as Record<string, unknown>)[key] = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (value !== false) {
      el.setAttribute(key, String(value));
    }
  }
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces every child of `el`. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** A stroke icon from path data (24×24 grid). Decorative unless given a label. */
export function icon(pathData: string, options: { size?: 'sm' | 'lg'; label?: string; className?: string } = {}): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `sb-icon${options.size ? ` sb-icon--${options.size}` : ''}${options.className ? ` ${options.className}` : ''}`);
  if (options.label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', options.label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', pathData);
  svg.appendChild(path);
  return svg;
}

/**
 * Text with its http(s) links made clickable: links are <a> elements whose text and href are set
 * as properties, and any other scheme (javascript:, data:) stays plain text.
 */
export function linkified(text: string): Node[] {
  const nodes: Node[] = [];
  const pattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(document.createTextNode(text.slice(last, index)));
    const a = document.createElement('a');
    a.href = match[0];
    a.textContent = match[0];
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
    nodes.push(a);
    last = index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/** An attachment URL we are willing to put in an href/src: http(s) or same-origin paths only. */
export function safeUrl(url: unknown, base: string = location.href): string | null {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
