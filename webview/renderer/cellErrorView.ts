/**
 * Draws a cell's error (MIME application/vnd.protocol-notebook.error+json):
 * the name and message, then the stack, wrapped at the output's width (long
 * lines are broken, never cut off), with the message's links (a cell's URI,
 * which VS Code reveals in the notebook when clicked). Text only: nothing in
 * the error is read as HTML.
 */
import { isCellErrorOutput, type CellErrorLink } from '../../src/common/cellErrorOutput';

/** Fills `element` with the error of `data` (or says why it cannot). */
export function renderCellError(element: HTMLElement, data: unknown): void {
  element.replaceChildren();
  const root = document.createElement('div');
  root.className = 'pn-cell-error';
  root.dataset.testid = 'cell-error';
  if (!isCellErrorOutput(data)) {
    root.textContent = 'This output holds no cell error.';
    element.append(root);
    return;
  }
  const headline = document.createElement('div');
  headline.className = 'pn-error-headline';
  const name = document.createElement('span');
  name.className = 'pn-error-name';
  name.textContent = data.name;
  headline.append(name, ': ', ...withLinks(data.message, data.links ?? []));
  root.append(headline);
  const frames = (data.frames ?? '').trimEnd();
  if (frames) {
    const stack = document.createElement('pre');
    stack.className = 'pn-error-stack';
    stack.textContent = frames;
    root.append(stack);
  }
  element.append(root);
}

/** The message as text nodes, with the first occurrence of each link's text made a link. */
function withLinks(message: string, links: readonly CellErrorLink[]): (string | HTMLElement)[] {
  const parts: (string | HTMLElement)[] = [];
  let rest = message;
  for (const link of links) {
    const at = rest.indexOf(link.text);
    if (at < 0 || !link.text) continue;
    const anchor = document.createElement('a');
    anchor.className = 'pn-error-link';
    anchor.href = link.href;
    anchor.textContent = link.text;
    anchor.title = `Reveal ${link.text}`;
    parts.push(rest.slice(0, at), anchor);
    rest = rest.slice(at + link.text.length);
  }
  parts.push(rest);
  return parts.filter((p) => p !== '');
}
