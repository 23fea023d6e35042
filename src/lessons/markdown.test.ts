import { describe, expect, it } from 'vitest';
import { renderLessonInline, renderLessonMarkdown } from './markdown';

/** Tags and attributes in rendered HTML, as a browser would see them. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => `${m[1]}${m[2]}`);
}

describe('renderLessonMarkdown', () => {
  it('renders the markdown a lesson uses', () => {
    const html = renderLessonMarkdown('Kill **zone-a-2**, then `kubectl get nodes`:\n\n- one\n- two\n\n| t | what |\n|---|---|\n| 55 s | Unknown |\n');
    expect(html).toContain('<strong>zone-a-2</strong>');
    expect(html).toContain('<code>kubectl get nodes</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td>55 s</td>');
  });

  it('shows a script tag as text, never as a tag', () => {
    const html = renderLessonMarkdown('Hello <script>alert(1)</script> world\n\n<script>\nalert(2)\n</script>\n');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows raw HTML blocks and inline tags with handlers as text', () => {
    const html = renderLessonMarkdown('<div onclick="steal()">x</div>\n\nA <img src=x onerror="steal()"> and <a href="#" onmouseover="steal()">y</a>\n');
    for (const tag of tags(html)) expect(tag).not.toMatch(/\son[a-z]+=/i);
    expect(tags(html).map((t) => t.split(/\s/)[0])).toEqual(['p', 'p']);
    expect(html).toContain('&lt;div onclick=&quot;steal()&quot;&gt;');
  });

  it('drops javascript:, vbscript:, data: and file: links, keeping the text', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd', 'java\tscript:alert(1)']) {
      const html = renderLessonMarkdown(`[click](${url}) and <${url}>`);
      expect(html, url).not.toMatch(/<a\s/);
    }
    expect(renderLessonMarkdown('[x](&#106;avascript:alert(1))')).not.toMatch(/<a\s/);
  });

  it('keeps http links, opening outside the page', () => {
    const html = renderLessonMarkdown('[nodes](https://kubernetes.io/docs/concepts/architecture/nodes/)');
    expect(html).toContain('<a href="https://kubernetes.io/docs/concepts/architecture/nodes/" target="_blank" rel="noopener noreferrer">nodes</a>');
  });

  it('requests nothing from other hosts: images stay text', () => {
    const html = renderLessonMarkdown('![tracker](https://example.com/pixel.png)');
    expect(html).not.toMatch(/<img/);
  });

  it('escapes attribute breakouts in link titles and URLs', () => {
    const html = renderLessonMarkdown('[x](https://a.example/"onmouseover="alert(1) "t\\"onclick=\\"y")');
    for (const tag of tags(html)) expect(tag).not.toMatch(/"\s*on[a-z]+=/i);
  });
});

describe('renderLessonInline', () => {
  it('renders one line without a paragraph, HTML as text', () => {
    expect(renderLessonInline('at **115 s** <b>x</b>')).toBe('at <strong>115 s</strong> &lt;b&gt;x&lt;/b&gt;');
  });
});
