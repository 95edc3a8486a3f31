/** Canned responses: per company, managed by admins; agents insert them with the button or by typing "/". */
import { api, ApiError, itemsOf } from '../shared/api';
import { h, mount } from '../shared/dom';
import { emptyState, errorState, loadingState } from '../shared/ui';

export interface CannedResponse {
  id: string;
  title: string;
  text: string;
  shortcut?: string | null;
}

let cache: Promise<CannedResponse[]> | null = null;

export function loadCanned(): Promise<CannedResponse[]> {
  if (!cache) {
    cache = api<unknown>('/api/canned-responses').then((p) => itemsOf<CannedResponse>(p));
    cache.catch(() => (cache = null));
  }
  return cache;
}

/** A popover anchored in the composer; calls `pick` with the chosen text. Returns a close function. */
export function openCannedPopover(anchor: HTMLElement, initialQuery: string, pick: (text: string) => void, onClose: () => void): () => void {
  const search = h('input', { class: 'sb-input', type: 'search', placeholder: 'Search canned responses', 'aria-label': 'Search canned responses', value: initialQuery });
  const list = h('ul', { class: 'canned__list', role: 'listbox', 'aria-label': 'Canned responses' });
  const pop = h('div', { class: 'canned', role: 'dialog', 'aria-label': 'Canned responses' }, h('div', { class: 'canned__search' }, search), list);
  let items: CannedResponse[] = [];
  let active = 0;
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    pop.remove();
    document.removeEventListener('mousedown', outside, true);
    onClose();
  };
  const outside = (e: MouseEvent) => {
    if (!pop.contains(e.target as Node)) close();
  };
  const filtered = () => {
    const q = search.value.trim().toLowerCase();
    return items.filter((c) => !q || c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q) || (c.shortcut ?? '').toLowerCase().includes(q));
  };
  const render = () => {
    const shown = filtered();
    active = Math.min(active, Math.max(0, shown.length - 1));
    if (!shown.length) {
      mount(list, h('li', null, emptyState(items.length ? 'No match' : 'No canned responses yet', items.length ? undefined : 'Admins add them in the dashboard under Canned responses.', { compact: true })));
      return;
    }
    mount(list, shown.map((c, i) => h('li', null, h('button', {
      type: 'button', class: 'canned__item', role: 'option', 'aria-selected': String(i === active),
      onclick: () => { pick(c.text); close(); },
    }, h('strong', null, c.shortcut ? `/${c.shortcut} · ${c.title}` : c.title), h('span', null, c.text)))));
  };
  search.addEventListener('input', () => { active = 0; render(); });
  search.addEventListener('keydown', (e) => {
    const shown = filtered();
    if (e.key === 'ArrowDown') { e.preventDefault(); active = Math.min(shown.length - 1, active + 1); render(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); active = Math.max(0, active - 1); render(); }
    else if (e.key === 'Enter') { e.preventDefault(); if (shown[active]) { pick(shown[active].text); close(); } }
    else if (e.key === 'Escape') { e.preventDefault(); close(); }
  });

  anchor.appendChild(pop);
  mount(list, h('li', null, loadingState('Loading canned responses', 2)));
  document.addEventListener('mousedown', outside, true);
  search.focus();
  loadCanned().then((loaded) => {
    items = loaded;
    if (!closed) render();
  }, (error) => {
    if (!closed) mount(list, h('li', null, errorState(error, undefined, { compact: true, feature: error instanceof ApiError && error.notAvailable ? 'Canned responses' : undefined })));
  });
  return close;
}
