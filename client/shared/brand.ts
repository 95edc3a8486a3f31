import { h, icon } from './dom';
import { iChat } from './icons';

/** The Switchboard mark with an optional product name ("Console", "Admin"). */
export function logo(product?: string, href = '/'): HTMLAnchorElement {
  return h(
    'a',
    { class: 'sb-logo', href, 'aria-label': `Switchboard${product ? ` ${product}` : ''} home` },
    h('span', { class: 'sb-logo__mark' }, icon(iChat)),
    h('span', null, 'Switchboard'),
    product ? h('span', { class: 'sb-logo__product' }, product) : null,
  );
}
