/** Shared building blocks of the console and the dashboard: states, buttons, fields, tables, dialogs, toasts. */
import { ApiError, errorMessage } from './api';
import { Child, h, icon, mount, Props } from './dom';
import { iAlert, iCheckCircle, iInbox, iInfo, iRefresh, iX, iZap } from './icons';

// ---------- Buttons ----------

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'success';

export function button(
  label: Child,
  onClick: ((event: MouseEvent) => void) | null,
  options: { variant?: ButtonVariant; size?: 'sm' | 'lg'; icon?: string; type?: 'button' | 'submit'; title?: string; ariaLabel?: string; disabled?: boolean; block?: boolean; iconOnly?: boolean; attrs?: Props } = {},
): HTMLButtonElement {
  const cls = ['sb-btn', `sb-btn--${options.variant ?? 'secondary'}`];
  if (options.size) cls.push(`sb-btn--${options.size}`);
  if (options.block) cls.push('sb-btn--block');
  if (options.iconOnly) cls.push('sb-btn--icon');
  return h(
    'button',
    {
      type: options.type ?? 'button',
      class: cls.join(' '),
      title: options.title,
      'aria-label': options.ariaLabel ?? (options.iconOnly && typeof label === 'string' ? label : undefined),
      disabled: options.disabled,
      onclick: onClick ?? undefined,
      ...(options.attrs ?? {}),
    },
    options.icon ? icon(options.icon, { size: options.size === 'sm' ? 'sm' : undefined }) : null,
    options.iconOnly ? null : label,
  );
}

/** Runs an async action with the button disabled and a spinner, reporting failure in a toast. */
export async function busy<T>(btn: HTMLButtonElement, action: () => Promise<T>, errorPrefix?: string): Promise<T | undefined> {
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  const spinner = h('span', { class: 'sb-spinner', 'aria-hidden': 'true', style: { width: '14px', height: '14px' } });
  btn.prepend(spinner);
  try {
    return await action();
  } catch (error) {
    toast(`${errorPrefix ? `${errorPrefix}: ` : ''}${errorMessage(error)}`, 'danger');
    return undefined;
  } finally {
    spinner.remove();
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
  }
}

// ---------- Form fields ----------

let fieldCounter = 0;
export function uid(prefix = 'sb'): string {
  fieldCounter += 1;
  return `${prefix}-${fieldCounter}`;
}

export interface FieldOptions {
  hint?: string;
  required?: boolean;
  className?: string;
}

/** A labelled control: the label's `for`, the hint's `aria-describedby`, and a slot for an error. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, options: FieldOptions = {}): HTMLDivElement {
  const id = control.id || uid('field');
  control.id = id;
  if (options.required) control.required = true;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', [options.hint ? hintId : '', errorId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: `sb-field ${options.className ?? ''}` },
    h('label', { class: 'sb-label', for: id }, label, options.required ? h('span', { class: 'sb-subtle', 'aria-hidden': 'true' }, ' *') : null),
    control,
    options.hint ? h('div', { class: 'sb-hint', id: hintId }, options.hint) : null,
    h('div', { class: 'sb-field-error', id: errorId, role: 'alert' }),
  );
}

export function input(props: Props = {}): HTMLInputElement {
  return h('input', { class: 'sb-input', type: 'text', ...props });
}

export function textarea(props: Props = {}): HTMLTextAreaElement {
  return h('textarea', { class: 'sb-textarea', ...props });
}

export function select(options: { value: string; label: string }[], props: Props = {}): HTMLSelectElement {
  return h('select', { class: 'sb-select', ...props }, options.map((o) => h('option', { value: o.value, selected: props.value === o.value }, o.label)));
}

/** Shows the server's validation details next to the matching fields (by name), and the message otherwise. */
export function showFormErrors(form: HTMLFormElement, error: unknown): string {
  for (const el of Array.from(form.querySelectorAll('.sb-field-error'))) el.textContent = '';
  for (const el of Array.from(form.querySelectorAll('[aria-invalid]'))) el.removeAttribute('aria-invalid');
  if (error instanceof ApiError && error.details?.length) {
    let unmatched: string[] = [];
    for (const detail of error.details) {
      const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(detail.field.split('.').pop() ?? detail.field)}"]`);
      const slot = control ? form.querySelector(`#${CSS.escape(control.id)}-error`) : null;
      if (control && slot) {
        control.setAttribute('aria-invalid', 'true');
        slot.textContent = detail.errors.join('; ');
      } else unmatched = unmatched.concat(detail.errors);
    }
    return unmatched.join('; ') || 'Please fix the highlighted fields';
  }
  return errorMessage(error);
}

// ---------- States ----------

export function loadingState(label = 'Loading…', rows = 3): HTMLElement {
  return h(
    'div',
    { class: 'sb-skeleton-block', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'sb-visually-hidden' }, label),
    Array.from({ length: rows }, (_, i) => h('span', { class: 'sb-skeleton', style: { width: `${90 - ((i * 17) % 40)}%` } })),
  );
}

export function emptyState(title: string, body?: string, options: { icon?: string; action?: HTMLElement; compact?: boolean } = {}): HTMLElement {
  return h(
    'div',
    { class: `sb-state${options.compact ? ' sb-state--compact' : ''}`, 'data-state': 'empty' },
    h('div', { class: 'sb-state__icon' }, icon(options.icon ?? iInbox)),
    h('div', { class: 'sb-state__title' }, title),
    body ? h('div', { class: 'sb-state__body' }, body) : null,
    options.action ?? null,
  );
}

export function errorState(error: unknown, retry?: () => void, options: { compact?: boolean; feature?: string } = {}): HTMLElement {
  if (error instanceof ApiError && error.notAvailable) return notAvailableState(options.feature ?? 'This feature', options.compact);
  return h(
    'div',
    { class: `sb-state sb-state--error${options.compact ? ' sb-state--compact' : ''}`, role: 'alert', 'data-state': 'error' },
    h('div', { class: 'sb-state__icon' }, icon(iAlert)),
    h('div', { class: 'sb-state__title' }, 'Could not load this'),
    h('div', { class: 'sb-state__body' }, errorMessage(error)),
    retry ? button('Try again', retry, { icon: iRefresh, size: 'sm' }) : null,
  );
}

export function notAvailableState(feature: string, compact = false): HTMLElement {
  return h(
    'div',
    { class: `sb-state sb-state--na${compact ? ' sb-state--compact' : ''}`, 'data-state': 'not-available' },
    h('div', { class: 'sb-state__icon' }, icon(iZap)),
    h('div', { class: 'sb-state__title' }, `${feature} is not available yet`),
    h('div', { class: 'sb-state__body' }, 'This server does not offer this API yet. It will appear here as soon as the hub is updated; nothing is shown until then.'),
  );
}

/**
 * Loads into `container` with a skeleton first, then renders, or shows the error (or "not available")
 * with a retry. Returns the reload function.
 */
export function asyncSection<T>(container: HTMLElement, load: () => Promise<T>, render: (data: T) => Child, options: { feature?: string; rows?: number; compact?: boolean } = {}): () => Promise<void> {
  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    container.setAttribute('aria-busy', 'true');
    mount(container, loadingState('Loading…', options.rows));
    try {
      const data = await load();
      if (mine !== generation) return;
      mount(container, render(data));
    } catch (error) {
      if (mine !== generation) return;
      mount(container, errorState(error, () => void run(), { feature: options.feature, compact: options.compact }));
    } finally {
      if (mine === generation) container.removeAttribute('aria-busy');
    }
  };
  void run();
  return run;
}

// ---------- Badges ----------

export function badge(text: string, variant: 'brand' | 'success' | 'warning' | 'danger' | 'info' | 'neutral' = 'neutral', dot = false): HTMLElement {
  return h('span', { class: `sb-badge${variant === 'neutral' ? '' : ` sb-badge--${variant}`}` }, dot ? h('span', { class: 'sb-dot', style: { background: 'currentColor', boxShadow: 'none', width: '6px', height: '6px' } }) : null, text);
}

const STATUS_BADGES: Record<string, { label: string; variant: 'brand' | 'success' | 'warning' | 'danger' | 'info' | 'neutral' }> = {
  bot: { label: 'With bot', variant: 'brand' },
  queued: { label: 'Queued', variant: 'warning' },
  assigned: { label: 'With agent', variant: 'info' },
  resolved: { label: 'Resolved', variant: 'success' },
};

export function statusBadge(status: string): HTMLElement {
  const b = STATUS_BADGES[status] ?? { label: status, variant: 'neutral' as const };
  return badge(b.label, b.variant, true);
}

export function confidenceMeter(confidence: number | null | undefined, threshold = 0.55): HTMLElement {
  if (confidence === null || confidence === undefined) return h('span', { class: 'sb-muted' }, 'n/a');
  const pct = Math.round(confidence * 100);
  const level = confidence >= threshold ? 'high' : confidence >= threshold / 2 ? 'mid' : 'low';
  return h(
    'span',
    { class: `sb-meter sb-meter--${level}`, title: `Confidence ${pct}%` },
    h('span', { class: 'sb-meter__bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct, 'aria-label': 'Confidence' }, h('span', { class: 'sb-meter__fill', style: { width: `${pct}%` } })),
    `${pct}%`,
  );
}

// ---------- Tables ----------

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  className?: string;
  hideBelow?: number;
}

export function table<T>(rows: T[], columns: Column<T>[], options: { onRowClick?: (row: T) => void; caption?: string; rowLabel?: (row: T) => string } = {}): HTMLElement {
  return h(
    'div',
    { class: 'sb-table-wrap' },
    h(
      'table',
      { class: 'sb-table' },
      options.caption ? h('caption', { class: 'sb-visually-hidden' }, options.caption) : null,
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h(
        'tbody',
        null,
        rows.map((row) => {
          const tr = h('tr', options.onRowClick ? { class: 'is-clickable', tabindex: 0, 'aria-label': options.rowLabel?.(row) } : null, columns.map((c) => h('td', { class: c.className }, c.cell(row))));
          if (options.onRowClick) {
            tr.addEventListener('click', (e) => {
              if ((e.target as HTMLElement).closest('button, a, input, select')) return;
              options.onRowClick?.(row);
            });
            tr.addEventListener('keydown', (e) => {
              if ((e.key === 'Enter' || e.key === ' ') && e.target === tr) {
                e.preventDefault();
                options.onRowClick?.(row);
              }
            });
          }
          return tr;
        }),
      ),
    ),
  );
}

export function pager(total: number, offset: number, limit: number, go: (offset: number) => void): HTMLElement {
  const from = total ? offset + 1 : 0;
  const to = Math.min(total, offset + limit);
  return h(
    'div',
    { class: 'sb-pager' },
    h('span', null, `${from}–${to} of ${total}`),
    h(
      'div',
      { class: 'sb-row' },
      button('Previous', () => go(Math.max(0, offset - limit)), { size: 'sm', disabled: offset === 0 }),
      button('Next', () => go(offset + limit), { size: 'sm', disabled: to >= total }),
    ),
  );
}

// ---------- Toasts ----------

let toastRegion: HTMLElement | null = null;

export function toast(message: string, kind: 'info' | 'success' | 'danger' = 'info', timeoutMs = 4500): void {
  if (!toastRegion) {
    toastRegion = h('div', { class: 'sb-toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(toastRegion);
  }
  const el = h(
    'div',
    { class: `sb-toast${kind === 'info' ? '' : ` sb-toast--${kind}`}` },
    icon(kind === 'danger' ? iAlert : kind === 'success' ? iCheckCircle : iInfo),
    h('div', { style: { flex: '1' } }, message),
  );
  toastRegion.appendChild(el);
  setTimeout(() => el.remove(), timeoutMs);
}

// ---------- Dialogs ----------

export interface DialogHandle {
  dialog: HTMLDialogElement;
  close: () => void;
  body: HTMLElement;
}

/** A native modal <dialog>: focus is trapped and Escape closes it. */
export function openDialog(title: string, content: Child, footer: (close: () => void) => Child, options: { wide?: boolean; onClose?: () => void; description?: string } = {}): DialogHandle {
  const titleId = uid('dlg');
  const body = h('div', { class: 'sb-dialog__body' }, options.description ? h('p', { class: 'sb-muted' }, options.description) : null, content);
  const dialog = h('dialog', { class: 'sb-dialog', 'aria-labelledby': titleId, style: options.wide ? { width: 'min(760px, calc(100vw - 24px))' } : undefined });
  const close = () => {
    if (dialog.open) dialog.close();
  };
  dialog.addEventListener('close', () => {
    dialog.remove();
    options.onClose?.();
  });
  mount(
    dialog,
    h('div', { class: 'sb-dialog__header' }, h('h2', { id: titleId, style: { flex: '1' } }, title), button('Close', close, { variant: 'ghost', icon: iX, iconOnly: true, size: 'sm' })),
    body,
    h('div', { class: 'sb-dialog__footer' }, footer(close)),
  );
  document.body.appendChild(dialog);
  dialog.showModal();
  return { dialog, close, body };
}

export function confirmDialog(title: string, message: string, confirmLabel = 'Confirm', variant: ButtonVariant = 'danger'): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const handle = openDialog(title, h('p', null, message), (close) => [
      button('Cancel', close, { variant: 'secondary' }),
      button(confirmLabel, () => {
        answered = true;
        close();
      }, { variant }),
    ], { onClose: () => resolve(answered) });
    (handle.dialog.querySelector('.sb-dialog__footer .sb-btn:last-child') as HTMLElement | null)?.focus();
  });
}

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast('Copied to the clipboard', 'success', 2000);
  } catch {
    toast('Copy failed: select the text and copy it by hand', 'danger');
  }
}
