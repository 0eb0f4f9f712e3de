/**
 * @runscript/devtools: runscript's development tools, not part of the product (production images
 * leave this package, aws-local, fast-check and s3rver out). The escape corpus and its judge (shared
 * by `runscript fuzz` and the escape test suite), local AWS endpoints with a bridge pointed at them
 * (demo, benchmarks, tests). The CLI reaches the commands through `@runscript/devtools/cli`.
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
export { type LocalStack, type LocalStackOptions, startLocalStack } from "./local-stack.js";
