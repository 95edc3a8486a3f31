/** Pieces of the widget's DOM. Every string from the server or the visitor goes in as text, never markup. */
import { h, icon, linkified, safeUrl } from '../shared/dom';
import { bytes, time } from '../shared/format';
import { iBook, iClock, iFile, iStar } from '../shared/icons';
import type { Attachment, MessageView } from '../shared/types';
import type { Outgoing } from './store';

export interface RenderOptions {
  assistantName: string;
  server: string;
  /** Attachments need the visitor's headers: fetched, then shown from a blob: URL. */
  loadFile: (file: Attachment) => Promise<string | null>;
  /** Whether the previous item in the list came from the same sender (no name line then). */
  continues: boolean;
}

export function senderKey(m: MessageView | Outgoing): string {
  if ('sender' in m) return m.sender.type === 'agent' ? `agent:${m.sender.id ?? m.sender.name ?? ''}` : m.sender.type;
  return 'customer';
}

function attachmentNodes(files: Attachment[] | undefined, server: string, loadFile: RenderOptions['loadFile']): HTMLElement | null {
  if (!files?.length) return null;
  return h(
    'div',
    { class: 'files' },
    files.map((f) => {
      if (!safeUrl(f.url, server)) return h('span', { class: 'file' }, icon(iFile), h('span', { class: 'file__name' }, f.name));
      if (/^image\/(png|jpe?g|gif|webp)$/i.test(f.type ?? '')) {
        const img = h('img', { alt: f.name });
        void loadFile(f).then((url) => url && (img.src = url));
        return h('span', { class: 'file' }, img);
      }
      return h('button', {
        type: 'button', class: 'file', 'aria-label': `Download ${f.name}`,
        onclick: async () => {
          const url = await loadFile(f);
          if (!url) return;
          const a = h('a', { href: url, download: f.name });
          a.click();
        },
      }, icon(iFile), h('span', { class: 'file__name' }, f.name), h('span', { class: 'file__size' }, bytes(f.size ?? 0)));
    }),
  );
}

export function messageNode(m: MessageView, options: RenderOptions): HTMLLIElement {
  const type = m.sender.type;
  const li = h('li', { class: `msg msg--${type}${options.continues ? '' : ' msg--new-group'}`, 'data-id': m.id, 'data-seq': m.seq });
  if (type === 'system') {
    li.appendChild(h('div', { class: 'bubble', role: 'note' }, m.text));
    return li;
  }
  if (!options.continues && type !== 'customer') {
    const name = type === 'bot' ? m.sender.name || options.assistantName : m.sender.name || 'Support';
    li.appendChild(h('div', { class: 'msg__who' }, name, type === 'bot' ? h('span', { class: 'msg__tag', title: 'Automated answer' }, 'AI') : null));
  }
  li.appendChild(h('div', { class: 'bubble', 'data-testid': `message-${type}` }, linkified(m.text)));
  const files = attachmentNodes(m.attachments, options.server, options.loadFile);
  if (files) li.appendChild(files);
  if (type === 'bot' && m.sources?.length) {
    li.appendChild(
      h(
        'div',
        { class: 'sources', 'data-testid': 'sources' },
        h('span', { class: 'sources__label' }, 'Sources'),
        m.sources.slice(0, 4).map((s) => h('span', { class: 'source', title: s.title }, icon(iBook, { size: 'sm' }), h('span', null, s.title))),
      ),
    );
  }
  li.appendChild(h('div', { class: 'msg__meta' }, h('time', { datetime: m.createdAt }, time(m.createdAt))));
  return li;
}

export function outgoingNode(o: Outgoing, connected: boolean, server: string, loadFile: RenderOptions['loadFile']): HTMLLIElement {
  const failed = !!o.failed;
  const li = h('li', { class: `msg msg--customer msg--new-group ${failed ? 'msg--failed' : 'msg--pending'}`, 'data-client-id': o.clientMessageId });
  li.appendChild(h('div', { class: 'bubble' }, linkified(o.text)));
  const files = attachmentNodes(o.attachments, server, loadFile);
  if (files) li.appendChild(files);
  li.appendChild(
    h('div', { class: 'msg__meta' }, failed ? o.failed : connected ? 'Sending…' : [icon(iClock, { size: 'sm' }), 'Waiting for connection, will send automatically']),
  );
  return li;
}

/** Five radio buttons styled as stars: arrow keys move, Space/Enter picks. */
export function starRating(onChange: (value: number) => void): HTMLFieldSetElement {
  const name = `rating-${Math.random().toString(36).slice(2, 8)}`;
  const set = h('fieldset', { class: 'stars', 'data-value': '0' }, h('legend', null, 'Rate this conversation from 1 to 5 stars'));
  const labels = ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'];
  for (let value = 1; value <= 5; value++) {
    const id = `${name}-${value}`;
    const radio = h('input', { type: 'radio', name, id, value: String(value), onchange: () => {
      set.setAttribute('data-value', String(value));
      onChange(value);
    } });
    set.appendChild(h('span', { class: 'star' }, radio, h('label', { for: id, title: labels[value - 1] }, icon(iStar), h('span', { class: 'sr' }, `${value} star${value > 1 ? 's' : ''}, ${labels[value - 1]}`))));
  }
  return set;
}
