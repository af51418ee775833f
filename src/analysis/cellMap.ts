/**
 * The notebook's code cells laid end to end in one virtual file, and the map
 * between offsets in that file and positions in the cells. Plain data and pure
 * functions: the language service, the analysis and the editor providers all
 * translate positions through here.
 */

/** A code cell as the program sees it. `index` is its position among all the notebook's cells. */
export interface ProgramCell {
  index: number;
  source: string;
}

/** A 0-based line and character inside one cell, as VS Code counts them (UTF-16 units). */
export interface CellPosition {
  line: number;
  character: number;
}

/** A range inside one cell. */
export interface CellTextRange {
  start: CellPosition;
  end: CellPosition;
}

/** A range inside one cell of the notebook. */
export interface CellRange {
  cellIndex: number;
  range: CellTextRange;
}

/** Where one cell sits in the virtual file. */
export interface CellSegment {
  cellIndex: number;
  /** Offset of the cell's first character in the virtual file. */
  start: number;
  /** The cell's text. */
  source: string;
  /** Offsets (in the cell) at which each line starts. */
  lineStarts: number[];
}

/** The virtual file and how to find each cell in it. */
export interface CellMap {
  text: string;
  segments: CellSegment[];
}

/** Offsets (in `text`) at which each line starts; `\r\n`, `\n` and `\r` end a line. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Lays the cells end to end, each followed by a line break so that a cell
 * never runs into the next one's first line.
 */
export function buildCellMap(cells: readonly ProgramCell[]): CellMap {
  const segments: CellSegment[] = [];
  let text = '';
  for (const cell of cells) {
    segments.push({ cellIndex: cell.index, start: text.length, source: cell.source, lineStarts: lineStartsOf(cell.source) });
    text += cell.source + '\n';
  }
  return { text, segments };
}

/** The segment holding virtual offset `offset` (the line break after a cell belongs to that cell). */
export function segmentAt(map: CellMap, offset: number): CellSegment | undefined {
  let low = 0;
  let high = map.segments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const segment = map.segments[mid];
    if (offset < segment.start) high = mid - 1;
    else if (offset > segment.start + segment.source.length) low = mid + 1;
    else return segment;
  }
  return undefined;
}

/** The position inside its cell of a virtual offset, or undefined outside every cell. */
export function cellPositionAt(map: CellMap, offset: number): { cellIndex: number; position: CellPosition } | undefined {
  const segment = segmentAt(map, offset);
  if (!segment) return undefined;
  return { cellIndex: segment.cellIndex, position: positionInCell(segment, offset - segment.start) };
}

/** Line and character of `offset` (an offset in the cell's own text). */
export function positionInCell(segment: CellSegment, offset: number): CellPosition {
  const starts = segment.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** The virtual offset of a position in a cell, or undefined when the cell is not in the program. */
export function virtualOffsetOf(map: CellMap, cellIndex: number, position: CellPosition): number | undefined {
  const segment = map.segments.find((s) => s.cellIndex === cellIndex);
  if (!segment) return undefined;
  const line = Math.min(Math.max(position.line, 0), segment.lineStarts.length - 1);
  const lineEnd = line + 1 < segment.lineStarts.length ? segment.lineStarts[line + 1] : segment.source.length;
  return segment.start + Math.min(segment.lineStarts[line] + Math.max(position.character, 0), lineEnd);
}

/** The cell range covering virtual offsets [start, end); undefined when `start` is outside every cell. */
export function cellRangeOf(map: CellMap, start: number, end: number): CellRange | undefined {
  const segment = segmentAt(map, start);
  if (!segment) return undefined;
  const clampedEnd = Math.min(Math.max(end, start), segment.start + segment.source.length);
  return {
    cellIndex: segment.cellIndex,
    range: { start: positionInCell(segment, start - segment.start), end: positionInCell(segment, clampedEnd - segment.start) },
  };
}
