/**
 * A small, strict XML reader for AWS response bodies: elements, attributes, text, CDATA, character
 * and the five predefined entity references, comments and processing instructions. No DTDs (a
 * `<!DOCTYPE` is refused), so no external entities and no entity expansion. Tags are kept as local
 * names (namespace prefixes dropped), as botocore's `_node_tag` sees them after ElementTree expands
 * namespaces. Depth is bounded; size is bounded by the caller (the response budget).
 */

/** One element. `text` is the element's own leading text (ElementTree's `.text`). */
export interface XmlNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string | null;
}

/** The XML is malformed (botocore: `ResponseParserError`). */
export class XmlParseError extends Error {
  override readonly name = "XmlParseError";
}

const MAX_DEPTH = 256;
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITY = /&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const cp = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        if (!Number.isFinite(cp) || cp > 0x10ffff) throw new XmlParseError("invalid character reference");
        return String.fromCodePoint(cp);
      }
    }
  });
}

function localName(tag: string): string {
  const i = tag.indexOf(":");
  return i < 0 ? tag : tag.slice(i + 1);
}

/** Parses an XML document and returns its root element. Throws {@link XmlParseError}. */
export function parseXml(xml: string): XmlNode {
  let pos = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  // The text seen after an element closed belongs to its parent's tail: botocore ignores tails.
  const addText = (text: string) => {
    const top = stack.at(-1);
    if (!top) {
      if (text.trim() !== "") throw new XmlParseError("text outside the root element");
      return;
    }
    if (top.children.length === 0) top.text = (top.text ?? "") + text;
  };
  while (pos < xml.length) {
    const lt = xml.indexOf("<", pos);
    if (lt < 0) {
      addText(decodeEntities(xml.slice(pos)));
      break;
    }
    if (lt > pos) addText(decodeEntities(xml.slice(pos, lt)));
    if (xml.startsWith("<?", lt)) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) throw new XmlParseError("unterminated processing instruction");
      pos = end + 2;
    } else if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) throw new XmlParseError("unterminated comment");
      pos = end + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      if (end < 0) throw new XmlParseError("unterminated CDATA section");
      addText(xml.slice(lt + 9, end));
      pos = end + 3;
    } else if (xml.startsWith("<!", lt)) {
      throw new XmlParseError("DTDs are not accepted");
    } else if (xml.startsWith("</", lt)) {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(xml);
      const end = xml.indexOf(">", lt + 2);
      const top = stack.pop();
      if (!m || end < 0 || !top || localName(m[0]) !== top.tag) throw new XmlParseError("mismatched end tag");
      pos = end + 1;
      if (stack.length === 0) root = top;
    } else {
      NAME.lastIndex = lt + 1;
      const m = NAME.exec(xml);
      if (!m) throw new XmlParseError("invalid start tag");
      let i = lt + 1 + m[0].length;
      const attrs: Record<string, string> = {};
      for (;;) {
        while (i < xml.length && /\s/.test(xml.charAt(i))) i++;
        const c = xml.charAt(i);
        if (c === ">" || c === "/") break;
        NAME.lastIndex = i;
        const a = NAME.exec(xml);
        if (!a) throw new XmlParseError("invalid attribute");
        i += a[0].length;
        while (/\s/.test(xml.charAt(i))) i++;
        if (xml.charAt(i) !== "=") throw new XmlParseError("attribute without value");
        i++;
        while (/\s/.test(xml.charAt(i))) i++;
        const q = xml.charAt(i);
        if (q !== '"' && q !== "'") throw new XmlParseError("unquoted attribute value");
        const close = xml.indexOf(q, i + 1);
        if (close < 0) throw new XmlParseError("unterminated attribute value");
        Object.defineProperty(attrs, a[0], {
          value: decodeEntities(xml.slice(i + 1, close)),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        i = close + 1;
      }
      const selfClosing = xml.charAt(i) === "/";
      const end = xml.indexOf(">", i);
      if (end < 0 || (selfClosing && end !== i + 1)) throw new XmlParseError("unterminated start tag");
      const node: XmlNode = { tag: localName(m[0]), attrs, children: [], text: null };
      const parent = stack.at(-1);
      if (parent) parent.children.push(node);
      else if (root) throw new XmlParseError("more than one root element");
      if (selfClosing) {
        if (!parent) root = node;
      } else {
        if (stack.length >= MAX_DEPTH) throw new XmlParseError("nested too deeply");
        stack.push(node);
      }
      pos = end + 1;
    }
  }
  if (stack.length > 0 || !root) throw new XmlParseError("no complete root element");
  return root;
}
