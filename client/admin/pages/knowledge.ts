/** Knowledge: the entries the assistant answers from, file and URL import, and a "try a question" box. */
import { api, ApiError } from '../../shared/api';
import { h, icon, mount } from '../../shared/dom';
import { relative } from '../../shared/format';
import { iBook, iEdit, iFile, iLink, iPlus, iSearch, iTrash, iUpload } from '../../shared/icons';
import { asyncSection, badge, button, busy, confirmDialog, emptyState, errorState, field, input, loadingState, notAvailableState, openDialog, pager, showFormErrors, table, textarea, toast } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

interface ImportJob { importId: string; status: 'running' | 'completed' | 'failed'; phase: string; source: string; kind: 'entries' | 'passages'; done: number; total: number; replaced: number; skipped: number; error: string | null }

function progressView(job: ImportJob): HTMLElement {
  const share = job.total ? job.done / job.total : 0;
  return h('div', { class: 'sb-stack sb-stack--sm', role: 'status' },
    h('div', { class: 'sb-row' }, h('span', { class: 'sb-spinner', 'aria-hidden': 'true' }), `Importing ${job.source}: ${job.done} of ${job.total || '…'} (${job.phase})`),
    h('div', { class: 'usage-bar' }, h('span', { style: { width: `${Math.max(3, share * 100)}%` } })));
}

interface Entry { id: string; question: string; answer: string; category: string | null; active: boolean; updatedAt: string; source?: string | null }

const LIMIT = 50;

export async function render(ctx: PageContext): Promise<void> {
  let offset = 0;
  const list = h('div');
  ctx.actions.append(
    button('Import', () => openImport(() => void reload()), { icon: iUpload, attrs: { 'data-testid': 'import-knowledge' } }),
    button('Add entry', () => editEntry(null, () => void reload()), { variant: 'primary', icon: iPlus, attrs: { 'data-testid': 'add-knowledge' } }));

  const query = input({ type: 'search', placeholder: 'e.g. How long does shipping take?', 'aria-label': 'Try a question' });
  const results = h('div', { 'aria-live': 'polite' });
  const tryForm = h('form', { class: 'sb-row', style: { marginBottom: '12px' } }, query, button('Search', null, { type: 'submit', icon: iSearch }));
  tryForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = query.value.trim();
    if (!q) return;
    asyncSection(results, () => api<{ results: { id: string; title: string; text: string; category: string | null; score: number; source?: string | null }[] }>('/api/knowledge/search', { query: { q, limit: 5 } }), (res) => res.results.length
      ? table(res.results, [
        { label: 'Passage', cell: (r) => h('div', null, h('strong', null, r.title), h('div', { class: 'sb-hint clip', style: { maxWidth: '560px' } }, r.text), r.source ? h('div', { class: 'sb-hint' }, `from ${r.source}`) : null) },
        { label: 'Category', cell: (r) => r.category ?? '–' },
        { label: 'Score', cell: (r) => r.score.toFixed(2), className: 'num' },
      ], { caption: 'Search results' })
      : emptyState('Nothing found', 'The assistant would hand this question to a person. Add an entry that answers it.', { compact: true, icon: iSearch }), { compact: true });
  });

  mount(ctx.body,
    card('Try a question', h('div', null, tryForm, results), { sub: 'What the assistant would find for a customer’s question' }),
    card('Entries', list, { flush: true, testId: 'knowledge-table' }));

  const reload = asyncSection(list, () => api<{ items: Entry[]; total: number }>('/api/knowledge', { query: { limit: LIMIT, offset } }), (page) => page.items.length
    ? [
      table(page.items, [
        { label: 'Question', cell: (e) => h('div', null, h('strong', null, e.question), h('div', { class: 'sb-hint clip', style: { maxWidth: '520px' } }, e.answer)) },
        { label: 'Category', cell: (e) => (e.category ? badge(e.category, 'brand') : h('span', { class: 'sb-muted' }, '–')) },
        { label: 'Status', cell: (e) => (e.active ? badge('Active', 'success') : badge('Hidden')) },
        { label: 'Updated', cell: (e) => relative(e.updatedAt) },
        { label: '', className: 'num', cell: (e) => h('div', { class: 'sb-row', style: { justifyContent: 'flex-end' } },
          button('Edit', () => editEntry(e, () => void reload()), { size: 'sm', icon: iEdit, iconOnly: true, ariaLabel: `Edit “${e.question}”` }),
          button('Delete', async (ev) => {
            if (!(await confirmDialog('Delete this entry?', `“${e.question}” will no longer be used to answer customers.`, 'Delete'))) return;
            await busy(ev.target as HTMLButtonElement, async () => {
              await api(`/api/knowledge/${e.id}`, { method: 'DELETE' });
              toast('Entry deleted', 'success');
              void reload();
            });
          }, { size: 'sm', icon: iTrash, iconOnly: true, variant: 'ghost', ariaLabel: `Delete “${e.question}”` })) },
      ], { caption: 'Knowledge entries' }),
      pager(page.total, offset, LIMIT, (o) => { offset = o; void reload(); }),
    ]
    : emptyState('Your knowledge base is empty', 'Add questions and answers, or import an FAQ page or a document: the assistant answers only from what is here.', {
      icon: iBook, action: button('Add the first entry', () => editEntry(null, () => void reload()), { variant: 'primary', icon: iPlus }),
    }));
}

function editEntry(entry: Entry | null, done: () => void): void {
  const question = input({ name: 'question', value: entry?.question ?? '', placeholder: 'How long does shipping take?' });
  const answer = textarea({ name: 'answer', value: entry?.answer ?? '', rows: 6 });
  const category = input({ name: 'category', value: entry?.category ?? '', placeholder: 'Shipping' });
  const active = h('input', { type: 'checkbox', name: 'active', checked: entry?.active ?? true });
  const error = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true });
  const form = h('form', { class: 'sb-stack', id: 'entry-form', novalidate: true },
    field('Question', question, { required: true, hint: 'Phrase it the way a customer would ask.' }),
    field('Answer', answer, { required: true }),
    field('Category', category),
    h('label', { class: 'sb-checkbox' }, active, 'Use this entry to answer customers'),
    error);
  const dialog = openDialog(entry ? 'Edit entry' : 'Add an entry', form, (close) => [button('Cancel', close), button(entry ? 'Save' : 'Add entry', null, { variant: 'primary', type: 'submit', attrs: { form: 'entry-form' } })]);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      const body = { question: question.value, answer: answer.value, category: category.value.trim() || (entry ? null : undefined), active: active.checked };
      if (entry) await api(`/api/knowledge/${entry.id}`, { method: 'PATCH', body });
      else await api('/api/knowledge', { body });
      toast(entry ? 'Entry saved' : 'Entry added: the assistant uses it right away', 'success');
      dialog.close();
      done();
    } catch (err) {
      error.textContent = showFormErrors(form, err);
      error.hidden = false;
    }
  });
  question.focus();
}

/** POST /api/knowledge/import: a file (multipart `file`) or a web page (`{url}`). */
function openImport(done: () => void): void {
  const file = h('input', { type: 'file', name: 'file', class: 'sb-input', accept: '.txt,.md,.csv,.pdf,.docx,.html,.htm' });
  const url = input({ name: 'url', type: 'url', placeholder: 'https://example.com/faq' });
  const status = h('div', { 'aria-live': 'polite' });
  const fileForm = h('form', { class: 'sb-stack' },
    field('Document', file, { hint: 'Text, Markdown, CSV (question,answer), PDF, Word or HTML. Up to 10 MB.' }),
    button('Import file', null, { variant: 'primary', type: 'submit', icon: iFile }));
  const urlForm = h('form', { class: 'sb-stack' },
    field('Web page', url, { hint: 'A public page such as your FAQ or help article.' }),
    button('Import page', null, { variant: 'primary', type: 'submit', icon: iLink }));
  const run = async (form: HTMLFormElement, request: () => Promise<unknown>) => {
    const btn = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (btn) btn.disabled = true;
    mount(status, loadingState('Uploading…', 2));
    try {
      // 202 with a job: follow it until its passages are stored and searchable.
      let job = (await request()) as ImportJob;
      while (job?.status === 'running') {
        mount(status, progressView(job));
        await new Promise((r) => setTimeout(r, 600));
        job = await api<ImportJob>(`/api/knowledge/imports/${job.importId}`);
      }
      if (job?.status === 'failed') throw new Error(job.error ?? 'The import failed');
      const what = job.kind === 'entries' ? 'entr' : 'passage';
      const plural = (n: number) => (job.kind === 'entries' ? (n === 1 ? 'entry' : 'entries') : n === 1 ? what : `${what}s`);
      mount(status, h('div', { class: 'sb-alert sb-alert--success', role: 'status', 'data-testid': 'import-done' }, icon(iUpload),
        h('div', null, `Imported ${job.done} ${plural(job.done)} from ${job.source}.`, job.replaced ? ` ${job.replaced} from an earlier import were replaced.` : '', job.skipped ? ` ${job.skipped} skipped.` : '')));
      done();
    } catch (error) {
      mount(status, error instanceof ApiError && error.notAvailable ? notAvailableState('Knowledge import', true) : errorState(error, undefined, { compact: true }));
    } finally {
      if (btn) btn.disabled = false;
    }
  };
  fileForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return void toast('Choose a file first', 'danger');
    const data = new FormData();
    data.append('file', f);
    void run(fileForm, () => api('/api/knowledge/import', { form: data }));
  });
  urlForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!url.value.trim()) return void toast('Enter the address of a page', 'danger');
    void run(urlForm, () => api('/api/knowledge/import', { body: { url: url.value.trim() } }));
  });
  openDialog('Import knowledge', h('div', { class: 'sb-stack' }, fileForm, h('hr', { style: { border: '0', borderTop: '1px solid var(--sb-border)', width: '100%' } }), urlForm, status), (close) => button('Done', close),
    { description: 'Imported documents are split into passages the assistant can quote.' });
}
