/** API keys and the embed snippet. */
import { api, itemsOf } from '../../shared/api';
import { h, icon, mount } from '../../shared/dom';
import { dateTime, relative } from '../../shared/format';
import { iCode, iCopy, iExternal, iKey, iPlus, iRefresh } from '../../shared/icons';
import { asyncSection, badge, button, busy, confirmDialog, copyText, emptyState, field, input, openDialog, showFormErrors, table, toast } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

interface ApiKey { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; status: 'active' | 'expired' | 'revoked' }
interface Snippets { widgetKey: string; scriptUrl: string; html: string; javascript: string; react: string }

export async function render(ctx: PageContext): Promise<void> {
  const embed = h('div');
  const keys = h('div');
  mount(ctx.body,
    card('Embed the widget', embed, { sub: 'Paste this before </body> on every page where customers should see the chat', testId: 'embed-card' }),
    card('API keys', keys, { flush: true, sub: 'For POST /api/v1/chat from your own servers (header X-API-Key)', actions: button('New key', () => createKey(() => void reloadKeys()), { size: 'sm', variant: 'primary', icon: iPlus, attrs: { 'data-testid': 'new-api-key' } }) }));

  const reloadEmbed = asyncSection(embed, () => api<Snippets>('/api/widget/snippet'), (s) => snippetView(s, () => void reloadEmbed()), { feature: 'The embed snippet' });

  const reloadKeys = asyncSection(keys, () => api<ApiKey[]>('/api/api-keys'), (payload) => {
    const rows = itemsOf<ApiKey>(payload);
    return rows.length
      ? table(rows, [
        { label: 'Name', cell: (k) => h('strong', null, k.name) },
        { label: 'Key', cell: (k) => h('code', { class: 'sb-mono' }, `${k.prefix}…`) },
        { label: 'Status', cell: (k) => badge(k.status === 'active' ? 'Active' : k.status === 'expired' ? 'Expired' : 'Revoked', k.status === 'active' ? 'success' : k.status === 'expired' ? 'warning' : 'neutral') },
        { label: 'Created', cell: (k) => h('span', { title: dateTime(k.createdAt) }, relative(k.createdAt)) },
        { label: 'Last used', cell: (k) => (k.lastUsedAt ? relative(k.lastUsedAt) : h('span', { class: 'sb-muted' }, 'Never')) },
        { label: '', className: 'num', cell: (k) => k.status !== 'active' ? null : h('div', { class: 'sb-row', style: { justifyContent: 'flex-end' } },
          button('Rotate', async (e) => {
            if (!(await confirmDialog(`Rotate “${k.name}”?`, 'A new key is created now and the old one stops working at once. Update your servers with the new key.', 'Rotate', 'primary'))) return;
            await busy(e.target as HTMLButtonElement, async () => {
              const res = await api<{ key: string }>(`/api/api-keys/${k.id}/rotate`, { body: {} });
              showKey(k.name, res.key);
              void reloadKeys();
            });
          }, { size: 'sm', icon: iRefresh }),
          button('Revoke', async (e) => {
            if (!(await confirmDialog(`Revoke “${k.name}”?`, 'Requests with this key are refused from now on. This cannot be undone.', 'Revoke'))) return;
            await busy(e.target as HTMLButtonElement, async () => {
              await api(`/api/api-keys/${k.id}`, { method: 'DELETE' });
              toast('Key revoked', 'success');
              void reloadKeys();
            });
          }, { size: 'sm', variant: 'danger' })) },
      ], { caption: 'API keys' })
      : emptyState('No API keys', 'Create one to send messages from your own systems through the REST API.', { icon: iKey, compact: true });
  });
  void ctx;
}

function snippetView(s: Snippets, reload: () => void): HTMLElement {
  const variants: [string, string][] = [['HTML', s.html], ['JavaScript', s.javascript], ['React', s.react]];
  let current = 0;
  const prechat = h('input', { type: 'checkbox' });
  const code = h('pre', { class: 'sb-code', 'data-testid': 'embed-snippet' });
  const tabs = h('div', { class: 'sb-segmented snippet-tabs', role: 'tablist', 'aria-label': 'Snippet format' });
  const text = () => {
    const base = variants[current][1];
    if (!prechat.checked) return base;
    if (current === 0) return base.replace(' async>', ' data-prechat="true" async>');
    if (current === 1) return base.replace("  document.body", "  s.setAttribute('data-prechat', 'true');\n  document.body");
    return base.replace('    document.body', "    s.dataset.prechat = 'true';\n    document.body");
  };
  const render = () => {
    mount(tabs, variants.map(([label], i) => h('button', { type: 'button', role: 'tab', 'aria-selected': String(i === current), onclick: () => { current = i; render(); } }, label)));
    code.textContent = text();
  };
  prechat.addEventListener('change', render);
  render();
  return h('div', { class: 'sb-stack' },
    tabs, code,
    h('div', { class: 'sb-row sb-row--wrap' },
      button('Copy snippet', () => void copyText(text()), { variant: 'primary', icon: iCopy }),
      h('a', { class: 'sb-btn sb-btn--secondary', href: `/demo.html?key=${encodeURIComponent(s.widgetKey)}`, target: '_blank', rel: 'noopener' }, icon(iExternal), 'Preview on a demo page'),
      h('label', { class: 'sb-checkbox', style: { marginLeft: '8px' } }, prechat, 'Ask for name and email first'),
      h('span', { class: 'sb-spacer' }),
      button('Rotate widget key', async (e) => {
        if (!(await confirmDialog('Rotate the widget key?', 'The widget stops working on every site with the old snippet until you paste the new one.', 'Rotate key'))) return;
        await busy(e.target as HTMLButtonElement, async () => {
          await api('/api/widget/rotate-key', { method: 'POST' });
          toast('New widget key: update the snippet on your site', 'success');
          reload();
        });
      }, { variant: 'ghost', icon: iRefresh, size: 'sm' })),
    h('p', { class: 'sb-hint' }, 'Widget key ', h('code', { class: 'sb-mono' }, s.widgetKey), '. Optional attributes: data-color="#0f766e", data-position="left", data-title="Chat with Acme".'));
}

function createKey(done: () => void): void {
  const name = input({ name: 'name', placeholder: 'Zendesk bridge' });
  const form = h('form', { class: 'sb-stack', id: 'key-form' }, field('Name', name, { required: true, hint: 'Where the key is used, so you recognise it later.' }));
  const dialog = openDialog('New API key', form, (close) => [button('Cancel', close), button('Create key', null, { variant: 'primary', type: 'submit', attrs: { form: 'key-form' }, icon: iKey })]);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const res = await api<{ key: string; name: string }>('/api/api-keys', { body: { name: name.value } });
      dialog.close();
      showKey(res.name, res.key);
      done();
    } catch (err) {
      toast(showFormErrors(form, err), 'danger');
    }
  });
  name.focus();
}

function showKey(name: string, key: string): void {
  openDialog('Copy your key now', h('div', { class: 'sb-stack' },
    h('div', { class: 'sb-alert sb-alert--warning' }, icon(iCode), h('div', null, `This is the only time the key “${name}” is shown. Store it in your secrets manager.`)),
    h('pre', { class: 'sb-code', 'data-testid': 'new-key' }, key)),
  (close) => [button('Copy key', () => void copyText(key), { icon: iCopy }), button('Done', close, { variant: 'primary' })]);
}
