/**
 * The MiniSearch configuration shared by the index build and the runtime (an index must be loaded
 * with the options it was built with). Ranking is MiniSearch's BM25; this module only says which
 * fields exist, how much each weighs, and how text becomes terms.
 */
import type { Options, SearchOptions } from "minisearch";

/** One searchable operation. `id` is `service.Operation`. */
export interface SearchDocument {
  id: string;
  service: string;
  operation: string;
  /** boto3 method name (stored, not searched: `name` carries its words). */
  method: string;
  /** Operation name split into words, plus the boto3 method name. */
  name: string;
  /** Service name, aliases and title. */
  serviceText: string;
  summary: string;
  /** Input member names split into words. */
  params: string;
  /** Output member names (top level) split into words. */
  returns: string;
  /** True for read operations (Get/List/Describe...): audit questions prefer them. */
  read: boolean;
  /** The start of the documentation text. */
  body: string;
}

/** Words that carry no meaning in questions about AWS ("which buckets have ..."). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be by can do does for from has have how i if in into is it its me my of on or " +
    "our that the their them there these this those to was we were what when where which who why will " +
    "with you your all any every each find show give get tell want need using use"
  ).split(" "),
);

/**
 * Splits `ListObjectsV2` / `list_objects_v2` / `GetPublicAccessBlock` into words; plain text passes through.
 */
export function splitIdentifier(name: string): string {
  return name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
}

/**
 * English plural and verb-form folding (`buckets`→`bucket`, `policies`→`policy`, `listeners`→`listener`,
 * `listing`→`list`): the same rule for indexed and query terms, so both sides meet.
 */
export function foldTerm(term: string): string {
  if (term.length <= 3) return term;
  if (term.endsWith("ies") && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith("sses")) return term.slice(0, -2);
  if (term.endsWith("ing") && term.length > 5) return term.slice(0, -3);
  if (term.endsWith("ses") && term.length > 5) return term.slice(0, -2);
  if (term.endsWith("s") && !term.endsWith("ss") && !term.endsWith("us") && !term.endsWith("is")) {
    return term.slice(0, -1);
  }
  return term;
}

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  if (t.length < 2 || STOP_WORDS.has(t)) return null;
  return foldTerm(t);
}

/** Field boosts: the operation's name and summary say most about what it does. */
export const SEARCH_BOOSTS = {
  name: 4,
  summary: 2,
  serviceText: 2.5,
  params: 0.6,
  returns: 0.6,
  body: 0.4,
} as const;

/**
 * Verbs that say a question is about changing something. Without one, a question is an audit
 * question ("which buckets have ...") and read operations rank above the writes that share its words.
 */
const WRITE_INTENT =
  /\b(create|delete|remove|put|update|modify|enable|disable|start|stop|attach|detach|tag|untag|set|add|revoke|authorize|terminate|run|launch|rotate|change|reset|cancel|register|deregister|invoke|send|publish|encrypt|decrypt|upload|copy|restore|reboot|import|export|grant)\b/i;

/** How much a read operation's score is multiplied by for an audit question. */
export const AUDIT_READ_BOOST = 2;

/** Query-time options for one query. */
export function queryOptions(query: string): SearchOptions {
  const audit = !WRITE_INTENT.test(query);
  return {
    ...QUERY_OPTIONS,
    ...(audit
      ? { boostDocument: (_id, _term, stored) => (stored?.read === true ? AUDIT_READ_BOOST : 1) }
      : {}),
  };
}

/** Build-time and load-time options. */
export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  idField: "id",
  fields: ["name", "serviceText", "summary", "params", "returns", "body"],
  storeFields: ["service", "operation", "method", "summary", "read"],
  tokenize: (text) => splitIdentifier(text).split(/[^A-Za-z0-9]+/),
  processTerm,
};

/** Query-time options. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: SEARCH_BOOSTS,
  prefix: (term) => term.length >= 5,
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
  combineWith: "OR",
  weights: { fuzzy: 0.3, prefix: 0.5 },
};
