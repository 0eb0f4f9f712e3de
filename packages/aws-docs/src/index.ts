/**
 * @runscript/aws-docs: offline API documentation for every operation the bridge can call, built from
 * the installed SDK v3 client packages (`npm run build` writes the index; `./build` builds it).
 */
export { boto3MethodName } from "./boto3-name.js";
export { catalogServices, type DocService } from "./catalog.js";
export {
  type AccessNote,
  DEFAULT_DATA_DIR,
  type DescribeOptions,
  DocsIndex,
  MAX_MEMBER_DEPTH,
  MAX_SEARCH_LIMIT,
  type OperationDescription,
  type SearchHit,
} from "./docs-index.js";
export type { Manifest } from "./model.js";
export { DEFAULT_MEMBER_DEPTH, type MemberView, type PaginatorView } from "./render.js";
