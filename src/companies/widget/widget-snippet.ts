/** The embed code a company pastes into its site: one script tag, plus React and plain-JS variants. */
export function widgetSnippets(baseUrl: string, widgetKey: string) {
  const src = `${baseUrl}/widget.js`;
  const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<script src="${attr(src)}" data-widget-key="${attr(widgetKey)}" async></script>`;
  const javascript = [
    '(function () {',
    "  var s = document.createElement('script');",
    `  s.src = ${JSON.stringify(src)};`,
    '  s.async = true;',
    `  s.setAttribute('data-widget-key', ${JSON.stringify(widgetKey)});`,
    '  document.body.appendChild(s);',
    '})();',
  ].join('\n');
  const react = [
    "import { useEffect } from 'react';",
    '',
    'export function SupportWidget() {',
    '  useEffect(() => {',
    "    const s = document.createElement('script');",
    `    s.src = ${JSON.stringify(src)};`,
    '    s.async = true;',
    `    s.dataset.widgetKey = ${JSON.stringify(widgetKey)};`,
    '    document.body.appendChild(s);',
    '    return () => { s.remove(); };',
    '  }, []);',
    '  return null;',
    '}',
  ].join('\n');
  return { widgetKey, scriptUrl: src, html, javascript, react };
}
