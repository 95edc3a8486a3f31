/** Bot settings: the assistant's name and greeting, when it hands over, business hours, and its prompts. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { relative } from '../../shared/format';
import { iCheck, iEdit, iPlus, iSparkles, iTrash } from '../../shared/icons';
import { asyncSection, badge, button, busy, confirmDialog, emptyState, field, input, openDialog, select, showFormErrors, textarea, toast } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

interface Settings {
  assistantName: string;
  greeting: string;
  confidenceThreshold: number;
  escalationKeywords: string[];
  timeZone: string;
  maxChatsPerAgent: number;
  gracePeriodSeconds: number;
  businessHours: { days: { day: number; open: string; close: string }[] } | null;
  offlineMessage: string;
  sendUnsureDraftWhenOffline: boolean;
}

interface Prompt { id: string; name: string; content: string; active: boolean; updatedAt: string }

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export async function render(ctx: PageContext): Promise<void> {
  const settingsBox = h('div');
  const promptsBox = h('div');
  mount(ctx.body,
    card('Assistant and hand-over', settingsBox, { testId: 'bot-settings' }),
    card('Prompts', promptsBox, { flush: true, sub: 'The instructions the AI model follows when OPENAI_API_KEY is set (the embedded assistant answers from knowledge only)', actions: button('New prompt', () => editPrompt(null, () => void reloadPrompts()), { size: 'sm', icon: iPlus }) }));

  asyncSection(settingsBox, () => api<{ settings: Settings }>('/api/settings'), ({ settings }) => settingsForm(settings));

  const reloadPrompts = asyncSection(promptsBox, () => api<Prompt[]>('/api/settings/prompts'), (payload) => {
    const prompts = itemsOf<Prompt>(payload);
    if (!prompts.length) return emptyState('No custom prompt', 'The built-in prompt is used: answer only from the knowledge base, briefly, and say so when unsure.', { icon: iSparkles, compact: true });
    return prompts.map((p) => h('div', { class: 'prompt-card' },
      h('div', { class: 'sb-row sb-row--wrap' }, h('strong', { style: { flex: '1' } }, p.name), p.active ? badge('In use', 'success', true) : null, h('span', { class: 'sb-hint' }, `updated ${relative(p.updatedAt)}`)),
      h('pre', null, p.content),
      h('div', { class: 'sb-row sb-row--wrap' },
        p.active ? null : button('Use this prompt', (e) => void busy(e.target as HTMLButtonElement, async () => {
          await api(`/api/settings/prompts/${p.id}`, { method: 'PATCH', body: { active: true } });
          toast(`“${p.name}” is now in use`, 'success');
          void reloadPrompts();
        }), { size: 'sm', icon: iCheck }),
        button('Edit', () => editPrompt(p, () => void reloadPrompts()), { size: 'sm', icon: iEdit }),
        button('Delete', async (e) => {
          if (!(await confirmDialog('Delete this prompt?', `“${p.name}” will be removed.`, 'Delete'))) return;
          await busy(e.target as HTMLButtonElement, async () => {
            await api(`/api/settings/prompts/${p.id}`, { method: 'DELETE' });
            void reloadPrompts();
          });
        }, { size: 'sm', icon: iTrash, variant: 'ghost' }))));
  }, { feature: 'Prompts', compact: true });
  void ctx;
}

function settingsForm(s: Settings): HTMLElement {
  const assistantName = input({ name: 'assistantName', value: s.assistantName, maxlength: 60 });
  const greeting = textarea({ name: 'greeting', value: s.greeting, rows: 2, maxlength: 500 });
  const threshold = h('input', { type: 'range', name: 'confidenceThreshold', min: 0, max: 1, step: 0.01, value: String(s.confidenceThreshold), style: { width: '100%' } });
  const thresholdValue = h('output', { class: 'sb-badge sb-badge--brand' }, `${Math.round(s.confidenceThreshold * 100)}%`);
  threshold.addEventListener('input', () => (thresholdValue.textContent = `${Math.round(Number(threshold.value) * 100)}%`));
  const keywords = textarea({ name: 'escalationKeywords', value: s.escalationKeywords.join(', '), rows: 2 });
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const timeZone = input({ name: 'timeZone', value: s.timeZone, list: 'tz-list', autocomplete: 'off' });
  const tzList = h('datalist', { id: 'tz-list' }, zones.map((z) => h('option', { value: z })));
  const maxChats = input({ name: 'maxChatsPerAgent', type: 'number', min: 1, max: 50, value: String(s.maxChatsPerAgent) });
  const grace = input({ name: 'gracePeriodSeconds', type: 'number', min: 0, max: 3600, value: String(s.gracePeriodSeconds) });
  const offlineMessage = textarea({ name: 'offlineMessage', value: s.offlineMessage, rows: 2, maxlength: 500 });
  const unsure = h('input', { type: 'checkbox', name: 'sendUnsureDraftWhenOffline', checked: s.sendUnsureDraftWhenOffline });
  const alwaysOpen = h('input', { type: 'checkbox', checked: !s.businessHours });
  const rows = DAYS.map((label, day) => {
    const existing = s.businessHours?.days.find((d) => d.day === day);
    const on = h('input', { type: 'checkbox', checked: !!existing, 'aria-label': `Open on ${label}` });
    const open = h('input', { class: 'sb-input', type: 'time', value: existing?.open ?? '09:00', 'aria-label': `${label} opens` });
    const close = h('input', { class: 'sb-input', type: 'time', value: existing?.close ?? '17:00', 'aria-label': `${label} closes` });
    return { day, label, on, open, close };
  });
  const hoursGrid = h('div', { class: 'hours-grid', hidden: !s.businessHours },
    rows.map((r) => [h('label', { class: 'sb-checkbox' }, r.on, r.label.slice(0, 3)), r.open, r.close, h('span')]));
  alwaysOpen.addEventListener('change', () => (hoursGrid.hidden = alwaysOpen.checked));
  const error = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true });
  const save = button('Save settings', null, { variant: 'primary', type: 'submit', attrs: { 'data-testid': 'save-settings' } });

  const form = h('form', { class: 'sb-stack', novalidate: true },
    h('div', { class: 'sb-form-grid' }, field('Assistant name', assistantName, { hint: 'Shown in the widget header and on its answers.' }), field('Time zone', timeZone, { hint: 'For business hours and daily reports.' })),
    tzList,
    field('Greeting', greeting, { hint: 'The first message of every conversation.' }),
    h('div', { class: 'sb-field' },
      h('label', { class: 'sb-label', for: 'confidence' }, 'Confidence threshold ', thresholdValue),
      Object.assign(threshold, { id: 'confidence' }),
      h('div', { class: 'sb-hint' }, 'Below this, the assistant does not answer: the question goes to a person with the draft. Higher means more hand-overs and fewer wrong answers.')),
    field('Escalation keywords', keywords, { hint: 'Comma-separated. A message containing one goes straight to a person.' }),
    h('div', { class: 'sb-form-grid' }, field('Conversations per agent', maxChats), field('Grace period (seconds)', grace, { hint: 'How long an agent may drop off before their chats are requeued.' })),
    h('fieldset', { class: 'sb-stack sb-stack--sm', style: { border: '1px solid var(--sb-border)', borderRadius: 'var(--sb-radius)', padding: '12px 16px' } },
      h('legend', { class: 'sb-label', style: { padding: '0 6px' } }, 'Business hours'),
      h('label', { class: 'sb-checkbox' }, alwaysOpen, 'Always open'),
      hoursGrid,
      field('Offline message', offlineMessage, { hint: 'Shown when a customer asks for a person outside business hours and nobody is online; the widget then asks for their email.' }),
      h('label', { class: 'sb-checkbox' }, unsure, 'When nobody can take it, send an unsure answer with a disclaimer instead of waiting')),
    error,
    h('div', { class: 'sb-form-actions' }, save));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const body = {
      assistantName: assistantName.value.trim(),
      greeting: greeting.value,
      confidenceThreshold: Number(threshold.value),
      escalationKeywords: keywords.value.split(/[,\n]/).map((k) => k.trim()).filter(Boolean),
      timeZone: timeZone.value.trim(),
      maxChatsPerAgent: Number(maxChats.value),
      gracePeriodSeconds: Number(grace.value),
      businessHours: alwaysOpen.checked ? null : { days: rows.filter((r) => r.on.checked).map((r) => ({ day: r.day, open: r.open.value, close: r.close.value })) },
      offlineMessage: offlineMessage.value,
      sendUnsureDraftWhenOffline: unsure.checked,
    };
    await busy(save, async () => {
      try {
        await api('/api/settings', { method: 'PATCH', body });
        toast('Settings saved', 'success');
      } catch (err) {
        error.textContent = showFormErrors(form, err);
        error.hidden = false;
      }
    });
  });
  return form;
}

function editPrompt(prompt: Prompt | null, done: () => void): void {
  const name = input({ name: 'name', value: prompt?.name ?? '', placeholder: 'Friendly and brief' });
  const content = textarea({ name: 'content', value: prompt?.content ?? '', rows: 10, placeholder: 'You are the support assistant of Acme. Answer only from the passages you are given…' });
  const active = select([{ value: 'true', label: 'Use it now' }, { value: 'false', label: 'Keep as a draft' }], { value: String(prompt?.active ?? true), name: 'active' });
  const error = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true });
  const form = h('form', { class: 'sb-stack', id: 'prompt-form', novalidate: true }, field('Name', name, { required: true }), field('Instructions', content, { required: true }), field('Status', active), error);
  const dialog = openDialog(prompt ? 'Edit prompt' : 'New prompt', form, (close) => [button('Cancel', close), button('Save', null, { variant: 'primary', type: 'submit', attrs: { form: 'prompt-form' } })], { wide: true });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const body = { name: name.value, content: content.value, active: active.value === 'true' };
      if (prompt) await api(`/api/settings/prompts/${prompt.id}`, { method: 'PATCH', body });
      else await api('/api/settings/prompts', { body });
      dialog.close();
      done();
    } catch (err) {
      error.textContent = showFormErrors(form, err);
      error.hidden = false;
    }
  });
}
