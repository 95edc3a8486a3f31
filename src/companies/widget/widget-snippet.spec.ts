import { widgetSnippets } from './widget-snippet';

describe('widgetSnippets', () => {
  it('builds the script tag, a plain-JS loader and a React component with the key', () => {
    const s = widgetSnippets('https://support.example.com', 'wk_abc');
    expect(s.html).toBe('<script src="https://support.example.com/widget.js" data-widget-key="wk_abc" async></script>');
    expect(s.javascript).toContain("s.setAttribute('data-widget-key', \"wk_abc\")");
    expect(s.react).toContain('s.dataset.widgetKey = "wk_abc"');
  });

  it('escapes what it puts in attributes', () => {
    expect(widgetSnippets('https://x.test/"><b', 'k').html).toContain('https://x.test/&quot;>&lt;b/widget.js');
  });
});
