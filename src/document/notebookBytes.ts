/**
 * File bytes <-> notebook text. Decoding refuses what is not a text file, so
 * that a binary or wrongly encoded file is never shown as an empty (or
 * mangled) notebook that a save would then overwrite.
 */

/** Why a file cannot be opened as a protocol notebook. The message is shown to the user. */
export class NotebookFormatError extends Error {
  override readonly name = 'NotebookFormatError';
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes a `*.protocol.md` file. The byte order mark, if any, is kept in the
 * text (the parser records it). Throws `NotebookFormatError` when the bytes are
 * not valid UTF-8 or contain a NUL byte (a binary file).
 */
export function decodeNotebookBytes(bytes: Uint8Array, fileName = 'the file'): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new NotebookFormatError(
      `Cannot open ${fileName} as a Protocol Notebook: it contains a NUL byte (at byte offset ${nul}), so it is not text. It was left unchanged; open it with another editor.`,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new NotebookFormatError(
      `Cannot open ${fileName} as a Protocol Notebook: it is not valid UTF-8 text (at byte offset ${firstInvalidUtf8(bytes)}). It was left unchanged; re-save it as UTF-8 or open it with another editor.`,
    );
  }
}

/** Encodes notebook text as UTF-8 (a byte order mark in the text is written as is). */
export function encodeNotebookText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let offset = 0, length = 1; offset < bytes.length; offset += length) {
    const byte = bytes[offset];
    length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || offset + length > bytes.length) return offset;
    try {
      decoder.decode(bytes.subarray(offset, offset + length));
    } catch {
      return offset;
    }
  }
  return bytes.length;
}
