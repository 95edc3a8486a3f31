/** Dashboard building blocks: cards, KPI tiles, the date range picker (chart cards live in charts.ts). */
import { ApiError } from '../shared/api';
import { Child, h, icon, mount } from '../shared/dom';
import { isoDay } from '../shared/format';


export function card(title: string, body: Child, options: { sub?: string; actions?: Child; flush?: boolean; className?: string; testId?: string } = {}): HTMLElement {
  return h('section', { class: `sb-card ${options.className ?? ''}`, 'aria-label': title, 'data-testid': options.testId },
    h('div', { class: 'sb-card__header' },
      h('div', { style: { flex: '1', minWidth: '0' } }, h('h2', null, title), options.sub ? h('div', { class: 'sb-card__sub' }, options.sub) : null),
      options.actions ?? null),
    h('div', { class: `sb-card__body${options.flush ? ' sb-card__body--flush' : ''}` }, body));
}

export interface Kpi {
  el: HTMLElement;
  set(value: string, sub?: string): void;
  loading(): void;
}

export function kpi(label: string, iconPath: string, testId?: string): Kpi {
  const value = h('div', { class: 'kpi__value', 'data-testid': testId }, h('span', { class: 'sb-skeleton' }));
  const sub = h('div', { class: 'kpi__sub' }, '\u00a0');
  const el = h('div', { class: 'sb-card kpi' }, h('div', { class: 'kpi__label' }, icon(iconPath), label), value, sub);
  return {
    el,
    set: (v, s) => {
      value.textContent = v;
      sub.textContent = s ?? '\u00a0';
    },
    loading: () => mount(value, h('span', { class: 'sb-skeleton' })),
  };
}

export interface Range {
  from: string;
  to: string;
  days: number;
}

export function rangeOf(days: number): Range {
  const now = Date.now();
  return { from: isoDay(now - (days - 1) * 86_400_000), to: isoDay(now), days };
}

/** 7 / 30 / 90 days, remembered for the session. */
export function rangePicker(onChange: (range: Range) => void): { el: HTMLElement; range: Range } {
  const saved = Number(sessionStorage.getItem('switchboard.admin.range') ?? '7');
  let days = [7, 30, 90].includes(saved) ? saved : 7;
  const el = h('div', { class: 'sb-segmented', role: 'group', 'aria-label': 'Date range' });
  const render = () => mount(el, [7, 30, 90].map((d) => h('button', {
    type: 'button', 'aria-pressed': String(d === days),
    onclick: () => {
      days = d;
      sessionStorage.setItem('switchboard.admin.range', String(d));
      render();
      onChange(rangeOf(d));
    },
  }, `${d} days`)));
  render();
  return { el, range: rangeOf(days) };
}

export function isNotAvailable(error: unknown): boolean {
  return error instanceof ApiError && error.notAvailable;
}

export function stars(rating: number): HTMLElement {
  return h('span', { class: 'stars', 'aria-label': `${rating} out of 5` }, '★'.repeat(rating), h('span', { class: 'stars__off' }, '★'.repeat(5 - rating)));
}
