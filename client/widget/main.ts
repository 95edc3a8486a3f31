/**
 * The embed: `<script src="https://your-hub/widget.js" data-widget-key="…" async></script>`.
 * Optional attributes: data-server (the hub's origin, default: where this script came from),
 * data-prechat="true" (ask for name and email first), data-color="#0f766e", data-position="left",
 * data-title (the header before the assistant introduces itself).
 */
import tokens from '../shared/tokens.css?inline';
import css from './widget.css?inline';
import { Widget } from './widget';

declare global {
  interface Window {
    Switchboard?: { open(): void; close(): void };
  }
}

(function boot() {
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-widget-key]');
  const widgetKey = script?.dataset.widgetKey;
  if (!script || !widgetKey) {
    console.warn('[Switchboard] widget.js needs a data-widget-key attribute on its script tag');
    return;
  }
  if (window.Switchboard) return; // the snippet was pasted twice
  let server = script.dataset.server || '';
  try {
    server = new URL(server || script.src, location.href).origin;
  } catch {
    server = location.origin;
  }
  const color = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(script.dataset.color ?? '') ? script.dataset.color : null;

  const start = () => {
    const host = document.createElement('div');
    host.id = 'switchboard-widget';
    host.setAttribute('data-position', script.dataset.position === 'left' ? 'left' : 'right');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = tokens + css + (color
      ? `:host{--sb-brand:${color};--sb-brand-hover:color-mix(in srgb,${color} 82%,black);--sb-brand-400:color-mix(in srgb,${color} 70%,white);--sb-brand-700:color-mix(in srgb,${color} 75%,black);--sb-brand-300:color-mix(in srgb,${color} 50%,white);--sb-brand-50:color-mix(in srgb,${color} 8%,white);}`
      : '');
    const container = document.createElement('div');
    container.className = 'w';
    root.append(style, container);
    document.body.appendChild(host);
    const widget = new Widget(root, host, { widgetKey, server, prechat: script.dataset.prechat === 'true', title: script.dataset.title });
    window.Switchboard = { open: () => widget.open(), close: () => widget.close() };
    widget.start();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
