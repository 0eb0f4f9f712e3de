/**
 * Library surface of the `runscript` package: the escape corpus tooling that `runscript fuzz` and
 * the escape test suite share.
 */
export {
  type CaseVerdict,
  type EscapeCase,
  EscapeCaseSchema,
  judge,
  loadCorpus,
  materialize,
  parseCase,
  type Sentinels,
} from "./escape/corpus.js";
export { childrenOf, type PlantedSentinels, plantSentinels } from "./escape/sentinels.js";
