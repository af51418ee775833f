/**
 * The characters that open completion and signature help by themselves. A
 * module of its own without TypeScript: the editor registers its providers
 * with these and must not load the compiler (it runs in the analysis worker).
 */

/** After these, completion opens by itself (members, and message `type` literals in quotes). */
export const completionTriggerCharacters = ['.', "'", '"', '`'] as const;

/** These open or move signature help. */
export const signatureHelpTriggerCharacters = ['(', ',', '<'] as const;
