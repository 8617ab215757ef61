/**
 * What is measured: the generated codecs and the alternatives, each as one call on a string or
 * a value, configured as their users would (fast-xml-parser keeps order and leaves values as
 * text; xml2js with its defaults; saxes with no handlers at all, the tokenizing floor; and, for
 * reference, the least a decoder on saxes's events does, see saxes-tree.ts).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { parseString } from 'xml2js';
import { decodeResponsePacket, encodeResponsePacket, type ResponsePacket } from '../../generated/src/index.js';
import { handWrittenTasks, indexOfScan } from './hand-written-reader.js';
import { saxesTree } from './saxes-tree.js';
import { templateEncode } from './template-encoder.js';

export const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const fxpParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false });
const fxpBuilder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true });

/** xml2js calls back synchronously (its default `async: false`); this makes that explicit. */
function xml2jsParse(xml: string): unknown {
  let result: unknown;
  let failure: unknown;
  parseString(xml, (error, value) => {
    failure = error;
    result = value;
  });
  if (failure) throw failure;
  if (result === undefined) throw new Error('xml2js did not call back synchronously');
  return result;
}

/** The decoders beside the generated one, for any document. */
export const ALTERNATIVE_DECODERS = {
  'fast-xml-parser': (xml: string): unknown => fxpParser.parse(xml),
  xml2js: xml2jsParse,
  saxes: (xml: string): unknown => new SaxesParser({ xmlns: false, position: true }).write(xml).close(),
  'saxes-tree': saxesTree,
};

/** For the get-tasks-info document only: how far a reader of it in JavaScript gets (hand-written-reader.ts). */
export const FLOOR_DECODERS = {
  'hand-written': handWrittenTasks,
  'indexOf scan': indexOfScan,
};

export const DECODERS = {
  generated: (xml: string): unknown => decodeResponsePacket(xml),
  ...ALTERNATIVE_DECODERS,
  ...FLOOR_DECODERS,
};
export type DecoderName = keyof typeof DECODERS;

export const DECODER_LABELS: Record<DecoderName, string> = {
  generated: 'generated decodeResponsePacket',
  'fast-xml-parser': 'fast-xml-parser 5 XMLParser.parse (preserveOrder, no value parsing)',
  xml2js: 'xml2js parseString',
  saxes: 'saxes, tokenizing with no handlers',
  'saxes-tree': 'saxes building a generic tree, no checks (test/bench/saxes-tree.ts)',
  'hand-written': 'a reader hand-written for exactly this answer, the same value, strings copied the same way (test/bench/hand-written-reader.ts; a floor, not an alternative)',
  'indexOf scan': "indexOf('<') from tag to tag, building nothing (the bare scan)",
};

/**
 * A string built by concatenation is a rope in V8 until something reads it; reading a character
 * flattens it into one buffer, as writing it to a socket would. Every encoder's output is
 * flattened so that none is timed without the copy the others pay for.
 */
export let flatSink = 0;
function flat(xml: string): string {
  flatSink ^= xml.charCodeAt(0); // kept, so that the read cannot be optimized away
  return xml;
}

export const ENCODERS = {
  generated: (value: ResponsePacket, _builderInput: unknown): string => flat(encodeResponsePacket(value)),
  'fast-xml-parser': (_value: ResponsePacket, builderInput: unknown): string => flat(DECLARATION + (fxpBuilder.build(builderInput) as string)),
  template: (value: ResponsePacket, _builderInput: unknown): string => flat(templateEncode(value)),
};
export type EncoderName = keyof typeof ENCODERS;

export const ENCODER_LABELS: Record<EncoderName, string> = {
  generated: 'generated encodeResponsePacket',
  'fast-xml-parser': 'fast-xml-parser 5 XMLBuilder on the equivalent object',
  template: 'hand-written template-string encoder',
};
