/** Editing features over the notebook program, in cell coordinates; no VS Code here. */
export { completionsAt, completionDocumentation, type CellCompletion, type CellCompletions } from './completions';
export { completionTriggerCharacters, signatureHelpTriggerCharacters } from './triggerCharacters';
export { hoverAt, type CellHover } from './hover';
export { signatureHelpAt, type CellSignatureHelp, type CellSignature } from './signatureHelp';
export { definitionsAt, typeDefinitionsAt, referencesAt } from './navigation';
export { renameTargetAt, renameEditsAt, type RenameTarget, type RenameEdits } from './rename';
export { cellTypeDiagnostics, typeDiagnostics, type CellTypeDiagnostic } from './typeDiagnostics';
export type { FeatureLocation } from './featureLocation';
export type { SymbolDocumentation } from './documentation';
export {
  answerLanguageFeatureQuery,
  type LanguageFeature,
  type LanguageFeatureAnswer,
  type LanguageFeatureAnswers,
  type LanguageFeatureQueries,
  type LanguageFeatureQuery,
} from './languageFeatureQueries';
