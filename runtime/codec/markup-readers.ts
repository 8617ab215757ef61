/**
 * The tokenizer's readers of markup: start tags (with their attributes), end tags, comments,
 * CDATA sections, processing instructions and the XML declaration; a DOCTYPE is refused.
 *
 * Each is given the offset of its `<` and returns the offset after the token, or {@link MORE}
 * when the text read so far ends inside it. A start tag is handed to the handler as the position
 * of its name in the source and its attributes as two reused arrays; an end tag is compared in
 * place with the name of the innermost open element.
 */
import { detached } from './own-strings.js';
import { BANG, DQUOTE, EQUALS, GT, QUESTION, SLASH, SQUOTE, nameEnd, spelledAt } from './xml-chars.js';
import { MORE, XmlScanner } from './xml-scanner.js';
import { isWhiteSpaceCode } from './xml-text.js';

/** The reason given for a DOCTYPE: not a syntax error, a refusal (no DTD, so no entity expansion and no external fetch). */
export const DOCTYPE_REFUSED = 'a document type declaration (DOCTYPE) is not allowed';

const XML_DECLARATION: RegExp = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

/**
 * Whether `buf` from `p` to `end` (after its `?>`) is an XML declaration as XML 1.0 writes it. It
 * is matched on a copy of itself: the language keeps the last text a regular expression matched
 * reachable (RegExp.input) until another match, and a whole answer would stay alive with it.
 */
export function isDeclaration(buf: string, p: number, end: number): boolean {
  const declaration = detached(buf.slice(p, end));
  XML_DECLARATION.lastIndex = 0;
  return XML_DECLARATION.test(declaration) && XML_DECLARATION.lastIndex === declaration.length;
}

export class MarkupReaders extends XmlScanner {
  /** The XML declaration at `p`: only the form XML 1.0 gives (version, then encoding, then standalone). */
  protected declaration(p: number, final: boolean): number {
    const buf = this.buf;
    const q = buf.indexOf('?>', p + 5);
    if (q < 0) {
      if (!final) return MORE;
      this.fail('the XML declaration does not end (no "?>").', buf.length);
    }
    this.checkChars(p, q + 2);
    if (!isDeclaration(buf, p, q + 2)) {
      this.fail('malformed XML declaration: it must be <?xml version="1.x" encoding="…" standalone="yes|no"?>, encoding and standalone optional, in that order.', q + 2);
    }
    this.pos = q + 2;
    return q + 2;
  }

  /** Markup at `p` (a `<`). */
  protected markup(p: number, final: boolean): number {
    const buf = this.buf;
    const c = buf.charCodeAt(p + 1);
    if (c === SLASH) return this.endTag(p);
    if (c === BANG) return this.bang(p, final);
    if (c === QUESTION) return this.instruction(p, final);
    if (p + 1 >= buf.length) return MORE;
    return this.startTag(p);
  }

  protected startTag(p: number): number {
    const buf = this.buf;
    const n = buf.length;
    const nameStart = p + 1;
    const nameStop = nameEnd(buf, nameStart, n);
    if (nameStop === nameStart) {
      this.unexpected(nameStart, `a tag name cannot start with ${JSON.stringify(this.quote(buf[nameStart]!))} (a literal < is written &lt;).`);
    }
    if (this.open.length === 0 && this.closedRoot) this.fail('documents may contain only one root.', nameStop);
    let i = nameStop;
    let count = 0;
    let selfClosing = false;
    let seen: Set<string> | undefined;
    // the usual case: no attributes, `>` right after the name
    if (buf.charCodeAt(i) === GT) i++;
    else for (;;) {
      const spaceAt = i;
      let c = buf.charCodeAt(i);
      while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
      if (i >= n) return MORE;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return MORE;
        if (buf.charCodeAt(i + 1) !== GT) this.unexpected(i + 1, '"/" in a start tag must be followed by ">".');
        i += 2;
        selfClosing = true;
        break;
      }
      const attrStart = i;
      const attrEnd = nameEnd(buf, i, n);
      if (attrEnd === attrStart) {
        this.unexpected(i, `${JSON.stringify(this.quote(buf[i]!))} is not allowed in a tag${spaceAt === nameStop && count === 0 ? ' name' : ''} (attributes are name="value").`);
      }
      if (attrEnd >= n) return MORE;
      if (i === spaceAt) this.unexpected(i, spaceAt === nameStop && count === 0 ? `${JSON.stringify(this.quote(buf[i]!))} is not allowed in a tag name.` : 'attributes must be separated by white space.');
      i = attrEnd;
      c = buf.charCodeAt(i);
      while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
      if (i >= n) return MORE;
      if (c !== EQUALS) this.unexpected(i, `the attribute ${this.quote(buf.slice(attrStart, attrEnd), true)} has no value (attributes are name="value").`);
      c = buf.charCodeAt(++i);
      while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
      if (i >= n) return MORE;
      if (c !== DQUOTE && c !== SQUOTE) this.unexpected(i, `the value of the attribute ${this.quote(buf.slice(attrStart, attrEnd), true)} must be quoted.`);
      const valueEnd = this.attributeValue(i + 1, c, n);
      if (valueEnd === MORE) return MORE;
      const name = buf.slice(attrStart, attrEnd);
      if (count < 16) {
        for (let k = 0; k < count; k++) if (this.attrNames[k] === name) this.fail(`duplicate attribute: ${this.quote(name, true)}.`, valueEnd + 1);
      } else {
        // many attributes (hostile or not): a set, not a comparison with each before
        if (count === 16) seen = new Set(this.attrNames.slice(0, 16));
        if (seen!.has(name)) this.fail(`duplicate attribute: ${this.quote(name, true)}.`, valueEnd + 1);
        seen!.add(name);
      }
      this.attrNames[count] = name;
      this.attrValues[count] = this.value;
      count++;
      i = valueEnd + 1;
    }
    this.attrCount = count;
    this.pos = i;
    this.sawRoot = true;
    const name = this.handler.openTag(buf, nameStart, nameStop);
    if (selfClosing) {
      this.handler.closeTag(name);
      if (this.open.length === 0) this.closedRoot = true;
    } else this.open.push(name);
    return i;
  }

  protected endTag(p: number): number {
    const buf = this.buf;
    const n = buf.length;
    const nameStart = p + 2;
    const open = this.open;
    // the usual case: the innermost open element's name, then `>`
    if (open.length > 0) {
      const top = open[open.length - 1]!;
      const end = nameStart + top.length;
      if (buf.charCodeAt(end) === GT && spelledAt(buf, nameStart, top)) {
        this.pos = end + 1;
        this.handler.closeTag(top);
        open.pop();
        if (open.length === 0) this.closedRoot = true;
        return end + 1;
      }
    }
    const nameStop = nameEnd(buf, nameStart, n);
    let i = nameStop;
    let c = buf.charCodeAt(i);
    while (isWhiteSpaceCode(c)) c = buf.charCodeAt(++i);
    if (i >= n) return MORE;
    if (nameStop === nameStart) this.unexpected(nameStart, 'an end tag must have a name: </name>.');
    if (c !== GT) this.unexpected(i, `${JSON.stringify(this.quote(buf[i]!))} is not allowed in an end tag.`);
    const top = open.length === 0 ? undefined : open[open.length - 1]!;
    if (top === undefined) this.fail(`unmatched closing tag: ${this.quote(buf.slice(nameStart, nameStop), true)}.`, i + 1);
    if (top.length !== nameStop - nameStart || !spelledAt(buf, nameStart, top)) this.fail(`unexpected close tag: </${this.quote(buf.slice(nameStart, nameStop), true)}> where </${this.quote(top, true)}> was expected.`, i + 1);
    this.pos = i + 1;
    this.handler.closeTag(top);
    open.pop();
    if (open.length === 0) this.closedRoot = true;
    return i + 1;
  }

  /** `<!`: a comment, a CDATA section, or a DOCTYPE (refused). */
  protected bang(p: number, final: boolean): number {
    const buf = this.buf;
    if (buf.startsWith('--', p + 2)) return this.comment(p, final);
    if (buf.startsWith('[CDATA[', p + 2)) return this.cdata(p, final);
    if (buf.startsWith('DOCTYPE', p + 2)) return this.fail(DOCTYPE_REFUSED, p + 9);
    const rest = buf.slice(p + 2, p + 9);
    if (rest.length < 7 && ['--', '[CDATA[', 'DOCTYPE'].some((word) => word.startsWith(rest))) return MORE;
    return p + 2 < buf.length ? this.unexpected(p + 2, '"<!" must begin a comment (<!--) or a CDATA section (<![CDATA[).') : MORE;
  }

  protected comment(p: number, final: boolean): number {
    const buf = this.buf;
    const dashes = this.carried.search(buf, '--', p + 4);
    if (dashes < 0 || dashes + 2 >= buf.length) {
      if (dashes >= 0) this.carried.resumeAt = dashes;
      return final ? this.fail('a comment does not end (no "-->").', buf.length) : MORE;
    }
    this.checkChars(p + 4, dashes);
    if (buf.charCodeAt(dashes + 2) !== GT) this.fail('"--" is not allowed inside a comment.', dashes + 3);
    this.pos = dashes + 3;
    return dashes + 3;
  }

  protected cdata(p: number, final: boolean): number {
    const buf = this.buf;
    if (this.open.length === 0) this.fail('text data outside of root node (a CDATA section).', p + 9);
    const end = this.carried.search(buf, ']]>', p + 9);
    if (end < 0) return final ? this.fail('a CDATA section does not end (no "]]>").', buf.length) : MORE;
    const cr = this.checkChars(p + 9, end);
    this.pos = end + 3;
    if (!cr) this.handler.text(buf, p + 9, end);
    else {
      const text = buf.slice(p + 9, end).replace(/\r\n?/g, '\n');
      this.handler.text(text, 0, text.length);
    }
    return end + 3;
  }

  /** `<?`: a processing instruction (ignored); its target cannot be `xml` in any case. */
  protected instruction(p: number, final: boolean): number {
    const buf = this.buf;
    const n = buf.length;
    const targetEnd = nameEnd(buf, p + 2, n);
    if (targetEnd >= n) return final ? this.fail('a processing instruction does not end (no "?>").', n) : MORE;
    if (targetEnd === p + 2) this.unexpected(p + 2, 'a processing instruction must start with a target name: <?target …?>.');
    if (targetEnd - p - 2 === 3 && buf.slice(p + 2, targetEnd).toLowerCase() === 'xml') {
      this.fail('an XML declaration must be at the start of the document (and no processing instruction is named xml).', targetEnd);
    }
    const c = buf.charCodeAt(targetEnd);
    if (c === QUESTION) {
      if (targetEnd + 1 >= n) return final ? this.fail('a processing instruction does not end (no "?>").', n) : MORE;
      if (buf.charCodeAt(targetEnd + 1) === GT) {
        this.pos = targetEnd + 2;
        return targetEnd + 2;
      }
    }
    if (!isWhiteSpaceCode(c)) this.unexpected(targetEnd, `${JSON.stringify(this.quote(buf[targetEnd]!))} is not allowed in a processing instruction's target.`);
    const end = this.carried.search(buf, '?>', targetEnd);
    if (end < 0) return final ? this.fail('a processing instruction does not end (no "?>").', n) : MORE;
    this.checkChars(targetEnd, end);
    this.pos = end + 2;
    return end + 2;
  }
}
