/** The demo "third-party" page: a shop that embeds the widget with the key from ?key= (or one pasted here). */
import './demo.css';
import { h, mount } from './shared/dom';

const params = new URLSearchParams(location.search);
const key = params.get('key')?.trim() ?? '';

const keyForm = h('form', { method: 'get', action: '/demo.html' },
  h('label', { for: 'demo-key', class: 'sr-only', style: { position: 'absolute', left: '-9999px' } }, 'Widget key'),
  h('input', { id: 'demo-key', name: 'key', placeholder: 'Paste a widget key (Admin → API keys & embed)', value: key, required: true, autocomplete: 'off' }),
  h('button', { type: 'submit' }, key ? 'Reload' : 'Load the widget'));

const swatch = (a: string, b: string) => h('div', { style: { background: `linear-gradient(150deg, ${a}, ${b})` } });

mount(document.getElementById('app') as HTMLElement,
  h('div', { class: 'demo-bar', role: 'note' },
    h('strong', null, 'Switchboard demo'),
    h('span', null, key ? 'This shop embeds the widget with one script tag: open it in the corner.' : 'Add your company’s widget key to try the widget on this page.'),
    keyForm),
  h('header', { class: 'shop-nav' }, h('span', { class: 'brand' }, 'Northwind Outfitters'),
    h('nav', { 'aria-label': 'Shop' }, h('span', null, 'New in'), h('span', null, 'Jackets'), h('span', null, 'Footwear'), h('span', null, 'Help'))),
  h('main', null,
    h('section', { class: 'hero' },
      h('div', null, h('h1', null, 'Built for the long way round.'),
        h('p', null, 'Weatherproof layers and boots made to be repaired, not replaced. Free returns within 30 days.'),
        h('a', { class: 'buy', href: '#products' }, 'Shop the collection')),
      h('div', { class: 'art', role: 'img', 'aria-label': 'A hiker on a ridge' })),
    h('section', { class: 'products', id: 'products', 'aria-label': 'Products' },
      [['Ridgeline Shell', '€240', '#9fb3a0', '#41584a'], ['Fjord Parka', '€320', '#c7b08f', '#7a5c3d'], ['Scree Boot', '€185', '#b7a8a0', '#4d403a'], ['Drift Fleece', '€95', '#a9b8c9', '#3d4f66']]
        .map(([name, price, a, b]) => h('article', { class: 'product' }, swatch(a, b), h('h3', null, name), h('p', null, price))))));

if (key) {
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.dataset.widgetKey = key;
  script.dataset.server = location.origin;
  if (params.get('prechat') === '1') script.dataset.prechat = 'true';
  document.body.appendChild(script);
}
