/**
 * A cell's error as its output carries it for the notebook renderer (MIME
 * application/vnd.protocol-notebook.error+json), which draws it wrapped to the
 * output's width, with links: a long message is never cut off at the right
 * edge. Plain data, shared by the extension and the webview.
 */

/** A part of the message that links somewhere: the first occurrence of `text` becomes a link to `href`. */
export interface CellErrorLink {
  text: string;
  /** A cell's document URI (`vscode-notebook-cell:…`): VS Code reveals that cell when the link is clicked. */
  href: string;
}

export interface CellErrorOutput {
  name: string;
  message: string;
  /** The stack's frames below the headline, as the kernel mapped them to cell lines ("at cell 2, line 3, col 7"). */
  frames?: string;
  links?: CellErrorLink[];
}

/** True for data shaped like a CellErrorOutput. */
export function isCellErrorOutput(value: unknown): value is CellErrorOutput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const links = v.links;
  return (
    typeof v.name === 'string' &&
    typeof v.message === 'string' &&
    (v.frames === undefined || typeof v.frames === 'string') &&
    (links === undefined || (Array.isArray(links) && links.every((l) => typeof l === 'object' && l !== null && typeof l.text === 'string' && typeof l.href === 'string')))
  );
}
