/** A conversation's messages as staff see them (console and dashboard): customer left, team and bot right. */
import { h, icon, linkified, safeUrl } from './dom';
import { bytes, dateTime, time } from './format';
import { iBook, iFile, iSparkles } from './icons';
import type { MessageView } from './types';

export function attachmentChips(message: Pick<MessageView, 'attachments'>): HTMLElement | null {
  if (!message.attachments?.length) return null;
  return h('div', { class: 'cm__files' }, message.attachments.map((a) => {
    const href = safeUrl(a.url);
    const inner = [icon(iFile, { size: 'sm' }), h('span', null, a.name), h('span', { class: 'sb-subtle' }, bytes(a.size ?? 0))];
    return href ? h('a', { class: 'sb-chip', href, target: '_blank', rel: 'noopener noreferrer' }, inner) : h('span', { class: 'sb-chip' }, inner);
  }));
}

export function sourceChips(sources: { title: string; score?: number }[] | undefined): HTMLElement[] {
  return (sources ?? []).map((s) => h('span', { class: 'sb-chip', title: s.score !== undefined ? `${s.title} (score ${s.score.toFixed(2)})` : s.title }, icon(iBook, { size: 'sm' }), h('span', null, s.title)));
}

export function threadItems(messages: MessageView[], options: { visitorName: string; myId?: string }): HTMLLIElement[] {
  let previous = '';
  return messages.map((m) => {
    const type = m.sender.type;
    const who = type === 'agent' ? `agent:${m.sender.id ?? m.sender.name}` : type;
    const group = who !== previous;
    previous = who;
    const li = h('li', { class: `cm cm--${type}${group ? ' cm--group' : ''}`, 'data-id': m.id });
    if (type === 'system') {
      li.appendChild(h('div', { class: 'cm__bubble', role: 'note' }, m.text));
      return li;
    }
    if (group) {
      const name = type === 'customer' ? m.sender.name || options.visitorName : type === 'bot' ? m.sender.name || 'Assistant' : m.sender.id === options.myId ? 'You' : m.sender.name || 'Agent';
      li.appendChild(h('div', { class: 'cm__who' }, type === 'bot' ? icon(iSparkles, { size: 'sm' }) : null, name,
        type === 'bot' && m.confidence !== undefined ? h('span', { class: 'sb-badge sb-badge--brand', title: 'Assistant confidence' }, `${Math.round(m.confidence * 100)}%`) : null));
    }
    li.appendChild(h('div', { class: 'cm__bubble' }, linkified(m.text)));
    const files = attachmentChips(m);
    if (files) li.appendChild(files);
    if (type === 'bot' && m.sources?.length) li.appendChild(h('div', { class: 'cm__files' }, sourceChips(m.sources)));
    li.appendChild(h('div', { class: 'cm__meta', title: dateTime(m.createdAt) }, time(m.createdAt)));
    return li;
  });
}
