import './shared/base.css';
import './landing.css';
import { logo } from './shared/brand';
import { h, icon, mount } from './shared/dom';
import { iArrowRight, iBarChart, iCode, iHeadset, iSparkles } from './shared/icons';

const card = (href: string, iconPath: string, title: string, text: string, cta: string) =>
  h('a', { class: 'sb-card landing__card', href },
    h('div', { class: 'sb-state__icon' }, icon(iconPath)),
    h('h2', null, title),
    h('p', null, text),
    h('span', { class: 'go' }, cta, icon(iArrowRight, { size: 'sm' })));

mount(
  document.getElementById('app') as HTMLElement,
  h('div', { class: 'landing' },
    h('header', { class: 'landing__nav' }, logo(),
      h('nav', { 'aria-label': 'Main' },
        h('a', { class: 'sb-btn sb-btn--ghost', href: '/docs' }, 'API docs'),
        h('a', { class: 'sb-btn sb-btn--secondary', href: '/console/' }, 'Agent console'),
        h('a', { class: 'sb-btn sb-btn--primary', href: '/admin/' }, 'Admin dashboard'))),
    h('main', null,
      h('section', { class: 'landing__hero' },
        h('span', { class: 'landing__eyebrow' }, icon(iSparkles, { size: 'sm' }), 'Open-source support hub'),
        h('h1', null, 'Answers in seconds. ', h('em', null, 'People when it matters.')),
        h('p', null, 'Switchboard answers your customers from your own knowledge base, and hands every question it is not sure of to an online agent, with its draft, its confidence and the reason.'),
        h('div', { class: 'landing__cta' },
          h('a', { class: 'sb-btn sb-btn--primary sb-btn--lg', href: '/console/' }, icon(iHeadset), 'Open the agent console'),
          h('a', { class: 'sb-btn sb-btn--secondary sb-btn--lg', href: '/demo.html' }, icon(iCode), 'Try the widget'))),
      h('section', { class: 'landing__grid', 'aria-label': 'Apps' },
        card('/console/', iHeadset, 'Agent console', 'Go online, take conversations from the queue, send or edit the AI draft, transfer and resolve. Your working hours are tracked for you.', 'Sign in as an agent'),
        card('/admin/', iBarChart, 'Admin dashboard', 'Volume, bot resolution, escalations, response times, CSAT and agent hours. Manage agents, knowledge, the bot and API keys.', 'Sign in as an admin'),
        card('/demo.html', iCode, 'Chat widget', 'One script tag on any site. Try it on a demo shop page: paste a widget key from the dashboard, or add ?key= to the address.', 'Open the demo page'))),
    h('footer', { class: 'landing__foot' }, 'Switchboard · MIT licensed · ', h('a', { href: '/health' }, 'Status'))),
);
