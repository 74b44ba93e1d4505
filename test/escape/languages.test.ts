import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { writeJsonText } from '../../lib/escape/json';
import { jsonText, markdownCode, markdownTable, markdownText, mermaidText, terminalText, terraformLiteral, terraformStoredValue } from '../../lib/escape';
import { analyzeEstate } from '../../lib/estate';
import { buildPlanDocument } from '../../lib/plan/document';
import { renderPlanMarkdown } from '../../lib/plan/markdown';
import { estate, schedule } from '../fixtures/estate';
import { configureProperties, hostileString } from './hostile';

configureProperties();

/**
 * CommonMark with GFM tables and strikethrough (markdown-it's default preset), raw HTML on.
 * linkify stays off: linkify-it's rules are not GitHub's; GitHub's autolinks are checked below.
 */
const md = new MarkdownIt('default', { html: true });

/** What a reader sees of inline tokens: their text, and a marker for anything that is not text. */
function seen(tokens: readonly Token[]): string {
  return tokens
    .map((t) => (t.type === 'text' || t.type === 'text_special' ? t.content : t.type === 'code_inline' ? `<code>${t.content}</code>` : `<${t.type}>`))
    .join('');
}

/** showHidden's rendering, as the reader sees it. */
function visible(text: string): string {
  return text
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    });
}

describe('Markdown', () => {
  test('text: one paragraph (or list item) whose only content is the text itself, shown', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        const expected = visible(s).replace(/@/g, '@\u2060');
        for (const [source, blocks] of [
          [`Plan ${markdownText(s)} done`, ['paragraph_open', 'inline', 'paragraph_close']],
          [`- ${markdownText(s)}`, ['bullet_list_open', 'list_item_open', 'paragraph_open', 'inline', 'paragraph_close', 'list_item_close', 'bullet_list_close']],
          [`## ${markdownText(s)}`, ['heading_open', 'inline', 'heading_close']],
        ] as const) {
          const tokens = md.parse(source, {});
          expect(tokens.map((t) => t.type)).toEqual(blocks);
          const inline = seen(tokens.find((t) => t.type === 'inline')!.children!);
          if (source.startsWith('Plan ')) expect(inline).toBe(`Plan ${expected} done`);
          else expect(inline.trim()).toBe(expected.trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  test('code span: holds the text verbatim, whatever backticks it contains', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        const tokens = md.parseInline(`run ${markdownCode(s)} now`, {})[0].children!;
        expect(seen(tokens)).toBe(`run <code>${visible(s)}</code> now`);
      }),
      { numRuns: 300 },
    );
  });

  test('table: every row keeps its cells, and each cell its text or code', () => {
    fc.assert(
      fc.property(fc.array(hostileString(4), { minLength: 1, maxLength: 3 }), (cells) => {
        const source = markdownTable(['Text', 'Code'], cells.map((c) => [markdownText(c), markdownCode(c)]));
        const tokens = md.parse(source, {});
        expect(tokens.filter((t) => t.type === 'tr_open')).toHaveLength(cells.length + 1);
        const inlines = tokens.filter((t) => t.type === 'inline').map((t) => seen(t.children!));
        cells.forEach((c, row) => {
          expect(inlines[2 + row * 2].trim()).toBe(visible(c).replace(/@/g, '@\u2060').trim());
          expect(inlines[3 + row * 2]).toBe(`<code>${visible(c)}</code>`);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('mentions, autolinks and HTML are neutralised', () => {
    expect(md.renderInline(markdownText('@admin <b>x</b> <http://e.com> [a](b)'))).toBe('@\u2060admin &lt;b&gt;x&lt;/b&gt; &lt;http://e.com&gt; [a](b)');
    // GitHub links "@name", "a@b.c", "www." and "scheme://" in text; an escape or a word joiner breaks each.
    expect(markdownText('@admin a@b.co')).toBe('@\u2060admin a@\u2060b.co');
    expect(markdownText('www.e.com http://e.com')).toBe('www\\.e.com http\\://e.com');
  });
});

describe('Mermaid', () => {
  test('a label holds no quote, %%, HTML, backtick, # or ; and no line break', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        expect(mermaidText(s).replace(/#\d+;/g, '')).not.toMatch(/["%<>&`;:#\r\n\u2028\u2029]/);
      }),
      { numRuns: 300 },
    );
    expect(mermaidText('%%{init}%% "a"')).toBe('#37;#37;{init}#37;#37; #34;a#34;');
  });
});

describe('Terminal', () => {
  test('no control character is ever sent', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        expect(terminalText(s)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
        expect(terminalText(s)).toBe(visible(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Terraform', () => {
  test('every string reads back through Terraform\'s template rules as the literal meant', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        expect(terraformStoredValue(terraformLiteral(s))).toBe(s);
      }),
      { numRuns: 500 },
    );
    expect(terraformStoredValue('a ${b}')).toBeUndefined();
    expect(terraformStoredValue('a %{if x}')).toBeUndefined();
    expect(terraformLiteral('$${x} %{y}')).toBe('$$${x} %%{y}');
    // A cdktf string token is left for cdktf to replace by a Terraform expression, which Terraform evaluates.
    expect(terraformLiteral('ssh ${TfToken[TOKEN.12]} ${x}')).toBe('ssh ${TfToken[TOKEN.12]} $${x}');
    expect(terraformLiteral('${TfToken[TOKEN.12] ${TfToken[]}')).toBe('$${TfToken[TOKEN.12] $${TfToken[]}');
  });
});

describe('JSON', () => {
  test('reads back as the same value, with no C1 control, separator or bidi mark written raw', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        const written = jsonText({ name: s, list: [s] }, 2);
        expect(JSON.parse(written)).toEqual({ name: s, list: [s] });
        expect(written).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
      }),
      { numRuns: 300 },
    );
  });

  test('written in pieces (writeJsonText), it is jsonText(value, 2), whatever depth it streams to', () => {
    const pieces = (value: unknown, depth: number) => {
      const chunks: string[] = [];
      writeJsonText(value, (chunk) => chunks.push(chunk), depth);
      return chunks;
    };
    const hostileJson = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), hostileString(), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(hostileString(3), tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), hostileJson), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        expect(pieces(value, depth).join('')).toBe(jsonText(value, 2));
      }),
      { numRuns: 500 },
    );
    // Not vacuous: undefined members and empty containers as JSON.stringify writes them, in more than one piece.
    const sample = { a: [undefined, {}, []], b: undefined, c: { d: [1, { e: 'f\u2028' }] } };
    expect(pieces(sample, 3).join('')).toBe(jsonText(sample, 2));
    expect(pieces(sample, 3).length).toBeGreaterThan(5);
  });
});

describe('a FAIL plan', () => {
  test('its "Why synthesis failed" table escapes names like the rest of the plan', () => {
    const structure = (name: string) => {
      const design = estate({ name, schedules: [schedule({ intervalSeconds: 1620 })] });
      const markdown = renderPlanMarkdown(buildPlanDocument('app', analyzeEstate(design), design.links));
      expect(markdown).toContain('## Why synthesis failed');
      const tokens = new MarkdownIt('default', { html: true }).parse(markdown, {});
      const inline = tokens.flatMap((t) => (t.children ?? []).map((c) => c.type)).filter((type) => /html|link|image|^em_|^s_/.test(type));
      return [...tokens.filter((t) => t.block && t.type !== 'inline').map((t) => t.type), ...new Set(inline)];
    };
    fc.assert(
      fc.property(hostileString(), (name) => {
        expect(structure(name)).toEqual(structure('Baw'));
      }),
      { numRuns: 50 },
    );
  });
});
