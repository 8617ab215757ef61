/**
 * The decoder's frames: one per open element, with what is being built for it (its records, the
 * text read so far, its place in its type's content automaton), reused from one element to the
 * next and one document to the next.
 */
import type { State } from './content-automaton.js';
import { Kind, type Leaf, type TypeInfo } from './decode-plan.js';
import type { UnknownContent } from './decode-options.js';
import { GroupSearch } from './group-search.js';
import type { GroupParticle } from './meta.js';

/** A record being built: the value of a complex type, or one iteration of a repeating group. */
export type Rec = Record<string, unknown>;

/** An open element. Frames are reused: {@link Frame.open} sets every field. */
export class Frame {
  name = '';
  kind: Kind = Kind.Any;
  leaf: Leaf | undefined = undefined;
  type: TypeInfo | undefined = undefined;
  /** where the value goes: record and property (null for the root) */
  target: Rec | null = null;
  text = '';
  nil = false;
  state: State | undefined = undefined;
  readonly recs: Rec[] = [];
  readonly scopes: GroupParticle[] = [];
  /** a content model that can group its elements in more than one way: its records are built when it ends (group-search.ts) */
  search: GroupSearch | undefined = undefined;
  raw = '';
  depth = 0;
  hasMarkup = false;
  attributes: Record<string, string> | undefined = undefined;
  /** how many xsi prefixes this element declared (undone when it closes) */
  xsiDeclared = 0;
  /** known child elements opened so far (the position of an unknown one) */
  children = 0;
  /** unknownElements: 'keep': what this element holds that the schema does not declare */
  drift: UnknownContent | undefined = undefined;
  /** an element being captured by 'keep': its place among its parent's known children (else -1), and why */
  unknownAt = -1;
  keptKind: 'unknown' | 'extra' | 'misplaced' = 'unknown';
  /** a record of an xs:all type: the properties of its elements in the order read (made by its first element, taken when it closes) */
  order: string[] | undefined = undefined;

  open(name: string, leaf: Leaf, target: Rec | null): void {
    this.name = name;
    this.kind = leaf.kind;
    this.leaf = leaf;
    this.type = leaf.complex;
    this.target = target;
    this.text = '';
    this.nil = false;
    this.state = leaf.kind === Kind.Elements ? leaf.complex!.automaton!.start : undefined;
    this.search = leaf.kind === Kind.Elements && leaf.complex!.automaton!.searched ? new GroupSearch(leaf.complex!.automaton!) : undefined;
    // the type's own record first (setting an array's length is a call: avoided when it can be)
    const recs = this.recs;
    if (leaf.kind !== Kind.Flag && leaf.complex !== undefined) {
      if (recs.length === 1) recs[0] = leaf.complex.make();
      else {
        if (recs.length !== 0) recs.length = 0;
        recs.push(leaf.complex.make());
      }
    } else if (recs.length !== 0) recs.length = 0;
    if (this.scopes.length !== 0) this.scopes.length = 0;
    this.xsiDeclared = 0;
    this.children = 0;
    this.drift = undefined;
    this.unknownAt = -1;
    if (leaf.kind === Kind.Any) {
      this.raw = '';
      this.depth = 0;
      this.hasMarkup = false;
      this.attributes = undefined;
    }
  }

  /** Drops every reference to a document's values. */
  clear(): void {
    this.name = '';
    this.leaf = undefined;
    this.type = undefined;
    this.target = null;
    this.text = '';
    this.state = undefined;
    this.recs.length = 0;
    this.scopes.length = 0;
    this.search = undefined;
    this.raw = '';
    this.attributes = undefined;
    this.drift = undefined;
    this.order = undefined;
  }
}
