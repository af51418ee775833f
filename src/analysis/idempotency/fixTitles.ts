/**
 * The titles of the idempotency quick fixes, which name the kind of each fix.
 * Apart from the edits (which need TypeScript), so that the editor side can
 * use them without loading the compiler.
 */

/** Where a dedupe fix keeps what it has seen: the node's state, or `ctx.durable`. */
export type DedupeStorage = 'memory' | 'durable';

/** "Deduplicate `deposit` by message id, in memory (forgotten on a crash)", or the durable one. */
export function dedupeFixTitle(messageType: string, storage: DedupeStorage): string {
  return storage === 'memory'
    ? `Deduplicate \`${messageType}\` by message id, in memory (forgotten on a crash)`
    : `Deduplicate \`${messageType}\` by message id, durably (in \`ctx.durable\`: survives a crash)`;
}
