/**
 * The XML both Tencent platforms post: one `<xml>` root whose children are text (often in
 * CDATA). Parsed strictly: a DOCTYPE (and so any entity definition, the way to an entity
 * expansion bomb) is refused outright, only XML's five predefined entities are decoded,
 * values stay strings (MsgId is a 64-bit integer that a JavaScript number would round), and
 * a repeated field is malformed rather than silently an array.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The root's text children; nested elements (rare event details) are left out. */
export type XmlFields = Record<string, string>;

export class MalformedXmlError extends Error {
  constructor(reason: string) {
    super(`malformed XML: ${reason}`);
    this.name = 'MalformedXmlError';
  }
}

const parser = new XMLParser({
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

export function parseTencentXml(body: string): XmlFields {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new MalformedXmlError('DOCTYPE and entity declarations are not accepted');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new MalformedXmlError(valid.err.msg);
  const doc: unknown = parser.parse(body);
  const root = isRecord(doc) ? doc.xml : undefined;
  if (root === '') return {};
  if (!isRecord(root)) throw new MalformedXmlError('the root element must be <xml>');
  const fields: XmlFields = {};
  for (const [key, value] of Object.entries(root)) {
    if (Array.isArray(value)) throw new MalformedXmlError(`<${key}> appears more than once`);
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
