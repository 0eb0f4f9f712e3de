/**
 * HTML (as the SDK's TSDoc carries it) to Markdown, with node-html-markdown, and the short plain-text
 * summaries used in search results.
 */
import { NodeHtmlMarkdown } from "node-html-markdown";

const converter = new NodeHtmlMarkdown({ keepDataImages: false, useLinkReferenceDefinitions: false });

/** Links the SDK docs write relative to docs.aws.amazon.com. */
function absoluteLinks(html: string): string {
  return html.replace(/href="\/(?!\/)/g, 'href="https://docs.aws.amazon.com/');
}

/** Markdown of an HTML fragment, with runs of blank lines collapsed. */
export function htmlToMarkdown(html: string): string {
  if (!html.trim()) return "";
  // TSDoc inline links ({@link X}) are not HTML; keep the name.
  const text = absoluteLinks(html.replace(/\{@link (\w+)\}/g, "`$1`"));
  return converter
    .translate(text)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Plain text of Markdown: no links, code marks, emphasis or headings. */
export function markdownToPlain(md: string): string {
  return md
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, "$1")
    .replace(/(^|\s)[`*_#>]+|[`*_]+(?=\s|$|[.,;:])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The first sentence(s) of a text, up to about `max` characters, cut at a sentence end when one is
 * near (abbreviations like "e.g." are not sentence ends).
 */
export function firstSentences(text: string, max = 240): string {
  if (text.length <= max) return text;
  const window = text.slice(0, max + 1);
  const ends = [...window.matchAll(/[.!?](?=\s)/g)]
    .map((m) => m.index ?? 0)
    .filter((i) => !/\b(e\.g|i\.e|etc|vs)$/i.test(window.slice(Math.max(0, i - 4), i)));
  const cut = ends.filter((i) => i >= 40).pop();
  return cut !== undefined ? text.slice(0, cut + 1) : `${text.slice(0, max).trimEnd()}…`;
}
