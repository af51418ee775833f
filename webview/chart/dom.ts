/** Creates elements whose text is always set as text (never parsed as markup). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string>; title?: string } = {},
  children: (Node | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function button(text: string, title: string, onClick: () => void, className = 'pn-button'): HTMLButtonElement {
  const b = el('button', { className, text, title, attrs: { type: 'button', 'aria-label': title } });
  b.addEventListener('click', onClick);
  return b;
}
