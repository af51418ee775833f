/**
 * The colour of each message type: a stable hash of the type's name into a
 * fixed palette, so a type has the same colour in every chart of a notebook
 * (and of every notebook), whatever other types a run happens to send.
 * Red and orange are left out: they mean a lost and a duplicated message.
 */

export type PaletteKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/**
 * One palette per theme kind, the same hues in the same order, each shade
 * chosen to stand out on that kind's editor background (at least 3:1).
 */
export const MESSAGE_PALETTES: Record<PaletteKind, readonly string[]> = {
  //          blue       green      purple     teal       magenta    brown      indigo     olive      cyan
  light: ['#1f6fd1', '#2e7d32', '#7b3fb5', '#00796b', '#b0189c', '#8d5a2b', '#3949ab', '#6b7a00', '#0277a3'],
  dark: ['#4fa3ff', '#7cc97f', '#b792f0', '#4dd0c0', '#e57ad8', '#d4a373', '#8c9eff', '#c0ca33', '#4fc3f7'],
  'high-contrast': ['#6cb6ff', '#8de08f', '#c9a6ff', '#5ff0dd', '#ff8cf0', '#f0c08c', '#a6b4ff', '#e0ec50', '#70d8ff'],
  'high-contrast-light': ['#0b4fa8', '#1b5e20', '#5b2c8f', '#00574b', '#8a0f78', '#6d4520', '#283593', '#4d5800', '#01579b'],
};

/** FNV-1a over the name's UTF-16 code units: the same slot for a name on every machine. */
export function paletteSlot(type: string, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) {
    hash ^= type.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % size;
}

/** The colour of a message type in a palette. */
export function messageTypeColor(palette: readonly string[], type: string): string {
  return palette[paletteSlot(type, palette.length)]!;
}
