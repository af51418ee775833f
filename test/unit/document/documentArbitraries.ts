/**
 * fast-check generators of `*.protocol.md`-like documents that mix everything
 * the format must survive: every line ending, blank and whitespace-only lines,
 * trailing spaces, a BOM, ts fences (backticks, tildes, longer runs), other
 * languages' fences, indented code, a ts fence shown inside a longer fence,
 * and an unterminated fence at the end.
 */
import fc from 'fast-check';

const eol = fc.constantFrom('\n', '\r\n', '\r', '\n', '\n');
const word = fc.stringMatching(/^[A-Za-z0-9_`~#*>\-.()'"{}=;: é→∀]{0,24}$/);
const spaces = fc.stringMatching(/^[ \t]{0,3}$/);

/** A list of lines, each to be followed by its own terminator. */
type Lines = string[];

const proseLine: fc.Arbitrary<string> = fc.oneof(
  word,
  fc.tuple(word, spaces).map(([w, s]) => w + s),
  word.map((w) => `# ${w}`),
  word.map((w) => `- ${w}`),
  word.map((w) => `    ${w}`),
  word.map((w) => `> \`\`\`ts ${w}`),
  spaces,
  fc.constant(''),
);

const codeLine: fc.Arbitrary<string> = fc.oneof(
  word,
  word.map((w) => `  const x = ${JSON.stringify(w)};`),
  fc.constantFrom('```', '~~~', '````', '  ```', '```js', ''),
);

/** A fenced block: ts or another language, closed by a run at least as long. */
const fencedBlock = (languages: fc.Arbitrary<string>): fc.Arbitrary<Lines> =>
  fc
    .record({
      char: fc.constantFrom<'`' | '~'>('`', '~'),
      indent: fc.constantFrom('', ' ', '   '),
      language: languages,
      info: fc.constantFrom('', ' title="x"', ' {.numberLines}'),
      extra: fc.integer({ min: 0, max: 2 }),
      trailingSpace: spaces,
      body: fc.array(codeLine, { maxLength: 5 }),
      length: fc.integer({ min: 3, max: 5 }),
    })
    .map(({ char, indent, language, info, extra, trailingSpace, body, length }) => {
      const open = char.repeat(length);
      // Keep the body from closing the block early, as a real document would.
      const safeBody = body.filter((line) => !new RegExp(`^ {0,3}\\${char}{${length},}[ \\t]*$`).test(line));
      return [`${indent}${open}${language}${info}`, ...safeBody, `${indent}${char.repeat(length + extra)}${trailingSpace}`];
    });

const tsFence = fencedBlock(fc.constantFrom('ts', 'typescript', 'TS', ' ts'));
const otherFence = fencedBlock(fc.constantFrom('', 'js', 'mermaid', 'json', 'tsx', 'md'));

/** A ```ts block shown inside a longer ````markdown fence: Markdown, not a cell. */
const nestedFence: fc.Arbitrary<Lines> = fc
  .array(codeLine.filter((l) => !/^ {0,3}`{4,}/.test(l)), { maxLength: 3 })
  .map((body) => ['````markdown', '```ts', ...body, '```', '````']);

const paragraph: fc.Arbitrary<Lines> = fc.array(proseLine, { minLength: 1, maxLength: 4 });

const block = fc.oneof(
  { weight: 3, arbitrary: paragraph },
  { weight: 3, arbitrary: tsFence },
  { weight: 1, arbitrary: otherFence },
  { weight: 1, arbitrary: nestedFence },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('', ' ', '\t'), { maxLength: 3 }) },
);

/** An unclosed fence at the end of the file (ts or not). */
const unterminatedTail = fc
  .tuple(fc.constantFrom('```ts', '~~~typescript', '```js', '````ts'), fc.array(codeLine.filter((l) => !/^ {0,3}(`{3,}|~{3,})[ \t]*$/.test(l)), { maxLength: 3 }))
  .map(([open, body]) => [open, ...body]);

/**
 * A whole document, as text. With `uniformLineEndings` every line ends the same
 * way (the common case); otherwise line endings are mixed at random.
 */
export const protocolDocumentWith = ({ uniformLineEndings }: { uniformLineEndings: boolean }): fc.Arbitrary<string> =>
  fc
    .record({
      bom: fc.boolean(),
      blocks: fc.array(block, { maxLength: 8 }),
      tail: fc.option(unterminatedTail, { nil: undefined }),
      endsWithNewline: fc.boolean(),
      eols: fc.array(eol, { minLength: 1, maxLength: uniformLineEndings ? 1 : 16 }),
    })
    .map(({ bom, blocks, tail, endsWithNewline, eols }) => {
      const lines = [...blocks.flat(), ...(tail ?? [])];
      let text = bom ? '\uFEFF' : '';
      lines.forEach((line, i) => {
        text += line + (i < lines.length - 1 || endsWithNewline ? eols[i % eols.length] : '');
      });
      return text;
    });

/** A document with mixed line endings. */
export const protocolDocument = protocolDocumentWith({ uniformLineEndings: false });

/** Code a user might type into a cell, fence lines included. */
export const editedCode: fc.Arbitrary<string> = fc.array(codeLine, { maxLength: 6 }).map((lines) => lines.join('\n'));
