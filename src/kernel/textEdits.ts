/**
 * Insertions and replacements applied to a piece of code in one pass, with the
 * inverse mapping from a position in the result back to the original. The
 * cell rewriter (imports, exports, step checks) records its changes here so an
 * error's position in the evaluated code can be traced back to the cell.
 */

/** Replace `[start, end)` of the original with `text` (`start === end` inserts). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface EditedText {
  text: string;
  /** Maps an offset in `text` to the offset in the original it came from. */
  originalOffset(offset: number): number;
}

/**
 * Applies non-overlapping edits. Edits at the same offset are applied in the
 * order given; a replacement must not overlap another edit's range.
 */
export function applyEdits(original: string, edits: readonly TextEdit[]): EditedText {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map(({ edit }) => edit);
  const parts: string[] = [];
  /** For each edit: where its text starts in the output, and its original range. */
  const spans: { outStart: number; outEnd: number; start: number; end: number }[] = [];
  let cursor = 0;
  let outLength = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at ${edit.start}`);
    const kept = original.slice(cursor, edit.start);
    parts.push(kept, edit.text);
    outLength += kept.length;
    spans.push({ outStart: outLength, outEnd: outLength + edit.text.length, start: edit.start, end: edit.end });
    outLength += edit.text.length;
    cursor = edit.end;
  }
  parts.push(original.slice(cursor));
  const text = parts.join('');

  return {
    text,
    originalOffset(offset: number): number {
      // Walk the spans: before a span, the shift is that of the previous span's end.
      let shift = 0;
      for (const span of spans) {
        if (offset < span.outStart) break;
        // Inside inserted or replacing text: attribute it to the start of what it replaced.
        if (offset < span.outEnd) return span.start;
        shift = span.end - span.outEnd;
      }
      return offset + shift;
    },
  };
}

/** Converts between offsets and 0-based line/column pairs of one text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 0-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: offset - this.starts[low] };
  }

  /** Offset of a 0-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const clamped = Math.max(0, Math.min(line, this.starts.length - 1));
    return this.starts[clamped] + Math.max(0, column);
  }
}
