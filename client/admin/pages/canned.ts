/** Canned responses: per company, managed by admins, used by agents in the console. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { relative } from '../../shared/format';
import { iEdit, iList, iPlus, iTrash } from '../../shared/icons';
import { asyncSection, button, busy, confirmDialog, emptyState, field, input, openDialog, showFormErrors, table, textarea, toast } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

interface Canned { id: string; title: string; text: string; shortcut: string | null; updatedAt?: string }

export async function render(ctx: PageContext): Promise<void> {
  const list = h('div');
  ctx.actions.append(button('New response', () => edit(null, () => void reload()), { variant: 'primary', icon: iPlus, attrs: { 'data-testid': 'add-canned' } }));
  mount(ctx.body, card('Saved replies', list, { flush: true, testId: 'canned-table' }));
  const reload = asyncSection(list, () => api<Canned[]>('/api/canned-responses'), (payload) => {
    const rows = itemsOf<Canned>(payload);
    return rows.length
      ? table(rows, [
        { label: 'Title', cell: (c) => h('strong', null, c.title) },
        { label: 'Shortcut', cell: (c) => (c.shortcut ? h('code', { class: 'sb-mono' }, `/${c.shortcut}`) : h('span', { class: 'sb-muted' }, '–')) },
        { label: 'Text', cell: (c) => h('span', { class: 'clip', style: { display: 'block', maxWidth: '480px' } }, c.text) },
        { label: 'Updated', cell: (c) => (c.updatedAt ? relative(c.updatedAt) : '–') },
        { label: '', className: 'num', cell: (c) => h('div', { class: 'sb-row', style: { justifyContent: 'flex-end' } },
          button('Edit', () => edit(c, () => void reload()), { size: 'sm', icon: iEdit, iconOnly: true, ariaLabel: `Edit ${c.title}` }),
          button('Delete', async (e) => {
            if (!(await confirmDialog('Delete this response?', `“${c.title}” will no longer be offered to agents.`, 'Delete'))) return;
            await busy(e.target as HTMLButtonElement, async () => {
              await api(`/api/canned-responses/${c.id}`, { method: 'DELETE' });
              void reload();
            });
          }, { size: 'sm', icon: iTrash, iconOnly: true, variant: 'ghost', ariaLabel: `Delete ${c.title}` })) },
      ], { caption: 'Canned responses' })
      : emptyState('No canned responses yet', 'Save the answers your team types again and again; agents insert them from the reply box.', { icon: iList, action: button('Create the first one', () => edit(null, () => void reload()), { variant: 'primary', icon: iPlus }) });
  }, { feature: 'Canned responses' });
  void ctx;
}

function edit(c: Canned | null, done: () => void): void {
  const title = input({ name: 'title', value: c?.title ?? '', placeholder: 'Refund timing' });
  const shortcut = input({ name: 'shortcut', value: c?.shortcut ?? '', placeholder: 'refund' });
  const text = textarea({ name: 'text', value: c?.text ?? '', rows: 6 });
  const error = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true });
  const form = h('form', { class: 'sb-stack', id: 'canned-form', novalidate: true },
    field('Title', title, { required: true }),
    field('Shortcut', shortcut, { hint: 'Optional: agents type /shortcut to insert it. Lowercase letters, digits, - and _.' }),
    field('Text', text, { required: true }), error);
  const dialog = openDialog(c ? 'Edit canned response' : 'New canned response', form, (close) => [button('Cancel', close), button('Save', null, { variant: 'primary', type: 'submit', attrs: { form: 'canned-form' } })]);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const body = { title: title.value, text: text.value, ...(shortcut.value.trim() ? { shortcut: shortcut.value.trim() } : {}) };
      if (c) await api(`/api/canned-responses/${c.id}`, { method: 'PATCH', body });
      else await api('/api/canned-responses', { body });
      toast('Saved', 'success');
      dialog.close();
      done();
    } catch (err) {
      error.textContent = showFormErrors(form, err);
      error.hidden = false;
    }
  });
  title.focus();
}
