/**
 * Two references for the get-tasks-info document only, to show how far any reader of it in
 * JavaScript gets: not alternatives (neither reads anything else), and never a user's code.
 *
 * - `handWrittenTasks`: a reader written by hand for exactly this answer. It expects each element
 *   by its name in schema order, reads text with XML's five references, converts numbers and
 *   gives the same value as the generated decoder (checked before it is timed), its strings
 *   copied out of the document by the runtime's own `detached`, but with none of the generated
 *   decoder's generality: no automaton, no tables, no error positions, no drift; whatever else it
 *   meets throws. What the generated decoder costs beyond it is the price of being generic.
 * - `indexOfScan`: `indexOf('<')` from one tag to the next, counting them; it builds nothing.
 */
import { detached } from '../../generated/src/runtime/codec/own-strings.js';
import { PREDEFINED } from '../../generated/src/runtime/codec/xml-scanner.js';
import type { BackupGetBackupStatusOutputResultTask, ResponsePacket } from '../../generated/src/index.js';

type Task = BackupGetBackupStatusOutputResultTask;
/** XML's five references, as the runtime lists them */
const REFERENCES = new Map(PREDEFINED);
/** an element's start tag, its empty form and its end tag */
type Tags = readonly [string, string, string];
const tags = (name: string): Tags => [`<${name}>`, `<${name}/>`, `</${name}>`];
const [CUSTOMER_ID, WEBSPACE_ID, RESELLER_ID, ID, STATUS, STARTED, PREFIX, FILENAME, PROTOCOL] = ['customer-id', 'webspace-id', 'reseller-id', 'id', 'status', 'started', 'prefix', 'filename', 'protocol'].map(tags) as [Tags, Tags, Tags, Tags, Tags, Tags, Tags, Tags, Tags];

function refuse(at: number): never {
  throw new Error(`the hand-written reader does not read this document (at ${at})`);
}

class Reader {
  pos = 0;
  constructor(readonly xml: string) {}

  /** `tag` (a whole start or end tag, or `<x/>`) at the position: moves past it. */
  take(tag: string): boolean {
    if (!this.xml.startsWith(tag, this.pos)) return false;
    this.pos += tag.length;
    return true;
  }

  expect(tag: string): void {
    if (!this.take(tag)) refuse(this.pos);
  }

  /** Text up to the next `<`, its references replaced. */
  text(): string {
    const xml = this.xml;
    const start = this.pos;
    let out = '';
    let from = start;
    let i = start;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c === 60) break;
      if (c === 38) {
        const semi = xml.indexOf(';', i);
        const text = REFERENCES.get(xml.slice(i + 1, semi));
        if (semi < 0 || text === undefined) refuse(i);
        out += xml.slice(from, i) + text;
        i = from = semi + 1;
      } else if (c !== c || (c < 32 && c !== 9 && c !== 10)) refuse(i);
      else i++;
    }
    this.pos = i;
    return from === start ? xml.slice(start, i) : out + xml.slice(from, i);
  }

  /** An element written `<name>text</name>` or `<name/>` (''), its tags given; undefined when the next element is another. */
  simple(tags: Tags): string | undefined {
    if (this.take(tags[1])) return '';
    if (!this.take(tags[0])) return undefined;
    const text = this.text();
    this.expect(tags[2]);
    return text;
  }

  string(tags: Tags): string {
    const text = this.simple(tags);
    if (text === undefined) refuse(this.pos);
    return detached(text);
  }

  integer(tags: Tags): number | undefined {
    const text = this.simple(tags);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text === '' || !Number.isSafeInteger(value) || value < 0) refuse(this.pos);
    return value;
  }

  task(): Task {
    const task: Partial<Task> = {};
    if (this.take('<server/>')) task.server = true;
    else if (this.xml.startsWith(CUSTOMER_ID[0], this.pos)) task.customerId = this.integer(CUSTOMER_ID)!;
    else if (this.xml.startsWith(WEBSPACE_ID[0], this.pos)) task.webspaceId = this.integer(WEBSPACE_ID)!;
    else task.resellerId = this.integer(RESELLER_ID) ?? refuse(this.pos);
    task.id = this.integer(ID) ?? refuse(this.pos);
    const status = this.simple(STATUS);
    task.status = status === 'working' ? 'working' : status === 'stopped' ? 'stopped' : status === 'failed' ? 'failed' : status === 'finished' ? 'finished' : refuse(this.pos);
    task.started = this.string(STARTED);
    task.prefix = this.string(PREFIX);
    task.filename = this.string(FILENAME);
    task.protocol = this.string(PROTOCOL) as Task['protocol'];
    this.expect('</task>');
    return task as Task;
  }
}

export function handWrittenTasks(xml: string): ResponsePacket {
  const r = new Reader(xml);
  const declaration = xml.indexOf('?>');
  r.pos = declaration < 0 ? 0 : declaration + 2;
  while (xml.charCodeAt(r.pos) === 10 || xml.charCodeAt(r.pos) === 32) r.pos++;
  r.expect('<packet version="');
  const end = xml.indexOf('"', r.pos);
  const version = detached(xml.slice(r.pos, end));
  r.pos = end;
  r.expect('"><backup-manager><get-tasks-info><result>');
  const status = r.string(STATUS);
  const tasks: Task[] = [];
  while (r.take('<task>')) tasks.push(r.task());
  r.expect('</result></get-tasks-info></backup-manager></packet>');
  if (r.pos !== xml.length) refuse(r.pos);
  return { version, operators: [{ backupManager: { operations: [{ getTasksInfo: { result: [{ status: status as 'ok', task: tasks }] } }] } }] } as ResponsePacket;
}

/** How many `<` the document holds, found with indexOf. */
export function indexOfScan(xml: string): number {
  let count = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) count++;
  return count;
}
