/**
 * The API's JSDoc as the editor shows it: TypeScript's display parts and
 * JSDoc tags turned into Markdown (hover, completion details, signature help).
 */
import * as ts from 'typescript';

/** A code signature (e.g. `(method) send(to: NodeId, msg: M): void`) and its documentation in Markdown. */
export interface SymbolDocumentation {
  /** The declaration as TypeScript prints it; shown as a `ts` code block. */
  signature: string;
  /** The JSDoc text and tags, in Markdown; empty when there is none. */
  markdown: string;
}

/** The JSDoc comment and tags as Markdown. */
export function documentationMarkdown(documentation: readonly ts.SymbolDisplayPart[] | undefined, tags: readonly ts.JSDocTagInfo[] | undefined = []): string {
  const parts = [ts.displayPartsToString(documentation as ts.SymbolDisplayPart[] | undefined)];
  for (const tag of tags) parts.push(tagMarkdown(tag));
  return parts.filter((part) => part.length > 0).join('\n\n');
}

function tagMarkdown(tag: ts.JSDocTagInfo): string {
  const text = ts.displayPartsToString(tag.text);
  if (tag.name === 'param' && tag.text) {
    // The first part is the parameter's name.
    const [name, ...rest] = tag.text;
    return `*@param* \`${name.text}\`${rest.length ? ` — ${ts.displayPartsToString(rest).replace(/^\s*-?\s*/, '')}` : ''}`;
  }
  if (tag.name === 'example') return `*@example*\n\`\`\`ts\n${text.replace(/^\s*\n/, '')}\n\`\`\``;
  return `*@${tag.name}*${text ? ` — ${text}` : ''}`;
}

/** A symbol's signature and documentation from the language service's display parts. */
export function symbolDocumentation(displayParts: readonly ts.SymbolDisplayPart[] | undefined, documentation: readonly ts.SymbolDisplayPart[] | undefined, tags: readonly ts.JSDocTagInfo[] | undefined): SymbolDocumentation {
  return { signature: ts.displayPartsToString(displayParts as ts.SymbolDisplayPart[] | undefined), markdown: documentationMarkdown(documentation, tags) };
}
