/**
 * The schema model (IR) every pass and emitter reads.
 *
 * It records decisions, not raw syntax: derivations are already flattened (an extension's content
 * is its base's content followed by its own), simple types carry the facets of their whole
 * derivation chain, and every node knows where it was declared. Order is kept in arrays.
 */
import type { SourceLocation } from '../errors.js';
import type { SimpleTypeMeta } from '../../runtime/codec/meta.js';
import type { Unwrap } from '../../runtime/client/client-types.js';
import type { OperatorProtocols } from '../../runtime/client/protocol-versions.js';
import type { PackageSymbols } from '../passes/symbol-table.js';
import type { ChoiceAlias, Shape } from './shapes.js';
import type { ValueType } from './value-types.js';

export interface IrSimpleType {
  /** the XSD name; undefined for an anonymous type */
  xsdName?: string;
  /** for anonymous types: the chain of names it sits under, used by the naming pass */
  hint: string[];
  loc: SourceLocation;
  doc?: string;
  /** facets folded across the derivation chain (its `name` is the XSD name) */
  meta: SimpleTypeMeta;
  /** the TypeScript name, set by the naming pass */
  tsName: string;
  /** in a package of several protocol versions: the versions whose schemas declare it, oldest first (merge-versions.ts) */
  versions?: string[];
  /** in a package of several protocol versions: its facets in each version, one entry per distinct declaration */
  variants?: Array<{ versions: string[]; meta: SimpleTypeMeta }>;
  /** availability notes for its JSDoc (enumeration values some versions lack), set by note-availability.ts */
  availability?: IrAvailability;
}

export type IrTypeRef =
  | { kind: 'simple'; type: IrSimpleType }
  | { kind: 'complex'; type: IrComplexType }
  | { kind: 'any' };

export interface IrElement {
  kind: 'element';
  name: string;
  type: IrTypeRef;
  min: number;
  /** -1: unbounded */
  max: number;
  nillable: boolean;
  default?: string;
  doc?: string;
  loc: SourceLocation;
  /** property name in the enclosing record, set by the naming pass */
  prop: string;
  /** in a package of several protocol versions: the versions that declare it */
  versions?: string[];
  /** in a package of several protocol versions: how each version declares it */
  variants?: IrElementVariant[];
  /** its type came from other versions' schemas, which type it where these versions leave it untyped (xs:anyType) */
  learned?: { from: string[]; for: string[] };
  /** availability notes for its property's JSDoc, set by note-availability.ts */
  availability?: IrAvailability;
}

/** How one or more protocol versions declare an element. */
export interface IrElementVariant {
  versions: string[];
  type: IrTypeRef;
  min: number;
  max: number;
  nillable: boolean;
  default?: string;
}

/** How one or more protocol versions bound a group or a wildcard. */
export interface IrOccursVariant {
  versions: string[];
  min: number;
  max: number;
}

/** How one or more protocol versions declare an attribute. */
export interface IrAttributeVariant {
  versions: string[];
  type: IrSimpleType;
  required: boolean;
  default?: string;
}

/**
 * What the JSDoc of a declaration says about the protocol versions of a package of several
 * (note-availability.ts): where it exists when that differs from its owner (the package for an
 * operator, a method or a type; the record for a property; the type for an enumeration value), and
 * whether versions declare it differently (its `variants`, printed one by one).
 */
export interface IrAvailability {
  /** the versions it exists in, when not every version of its owner */
  only?: string[];
  /** the versions of its owner it is absent from */
  absent?: string[];
  /** its versions declare it differently (type, occurrence, requiredness, facets) */
  differs?: boolean;
  /** enumeration values some versions of the type lack, each with the versions that have it */
  values?: Array<{ value: string; versions: string[] }>;
}

export interface IrGroup {
  kind: 'seq' | 'choice' | 'all';
  min: number;
  max: number;
  items: IrParticle[];
  loc: SourceLocation;
  /** property holding the iterations of a repeating group, set by the naming pass */
  prop: string;
  /** a name chosen by a convention pass instead of the default */
  preferredProp?: string;
  versions?: string[];
  variants?: IrOccursVariant[];
}

export interface IrWildcard {
  kind: 'any';
  min: number;
  max: number;
  loc: SourceLocation;
  prop: string;
  versions?: string[];
  variants?: IrOccursVariant[];
}

export type IrParticle = IrElement | IrGroup | IrWildcard;

export interface IrAttribute {
  name: string;
  type: IrSimpleType;
  required: boolean;
  default?: string;
  doc?: string;
  loc: SourceLocation;
  prop: string;
  versions?: string[];
  variants?: IrAttributeVariant[];
  availability?: IrAvailability;
}

export interface IrComplexType {
  xsdName?: string;
  hint: string[];
  loc: SourceLocation;
  doc?: string;
  attrs: IrAttribute[];
  content: 'empty' | 'simple' | 'elements';
  /** simple content: the type of the text */
  text?: IrSimpleType;
  textProp: string;
  model?: IrParticle;
  /** the name a convention pass asks for (wins over `hint`) */
  preferredName?: string;
  tsName: string;
  /** its value's shape, set by shape-records */
  shape?: Shape;
  /** the aliases of its choices, in print order, set by shape-records */
  choiceAliases?: ChoiceAlias[];
  /** in a package of several protocol versions: the versions whose schemas declare it, oldest first */
  versions?: string[];
  /** in a package of several protocol versions: the type of its simple content in each version */
  textVariants?: Array<{ versions: string[]; type: IrSimpleType }>;
  /** availability notes for its JSDoc, set by note-availability.ts */
  availability?: IrAvailability;
  /** the properties the decoder stores in its records, set by record-stores (the emitted stores of src/records.ts) */
  stores?: RecordStores;
}

/**
 * The properties of a complex type's records (its own, and its repeating groups' iterations) that
 * the decoder stores values in, in schema order, each once: `one` holds one value (an element, an
 * attribute, simple content's text), `many` an array (a repeating element, a wildcard's elements).
 * Names of Object.prototype's members are left out (the runtime writes those with setOwn).
 */
export interface RecordStores {
  one: string[];
  many: string[];
}

/** A global element of one schema set. */
export interface IrRoot {
  /** the entry schema's display path */
  set: string;
  name: string;
  type: IrTypeRef;
  loc: SourceLocation;
  /** a Plesk packet envelope, recognised by the conventions pass */
  packet?: 'request' | 'response';
  /** in a package of several protocol versions: the versions that declare it */
  versions?: string[];
}

/** One protocol version of a package of several: its number, the revision of its schemas and their files. */
export interface IrVersion {
  protocolVersion: string;
  /** a content hash of the set's schema files (load/set-revision.ts), which tells revisions of one number apart */
  revision: string;
  /** display paths of its entry schemas, and of every schema file read */
  entries: string[];
  files: string[];
}

export interface IrSchema {
  /** display paths of the entry schemas, in the order given */
  entries: string[];
  /** display paths of every schema file read */
  files: string[];
  simpleTypes: IrSimpleType[];
  complexTypes: IrComplexType[];
  roots: IrRoot[];
  /** Plesk's packet envelope, recorded by the conventions pass */
  packets: Partial<Record<'request' | 'response', IrComplexType>>;
  /** the operators of the envelope and their operations, recorded by analyse-operations */
  operators: IrOperator[];
  /**
   * the response operator that answers a file upload (`upload`), when the client calls the
   * operation that takes an uploaded file (backup-manager's import-file): its property and whether
   * its `<result>` repeats; recorded by analyse-operations (PleskClient then has `uploadFile`)
   */
  upload?: { prop: string; many: boolean };
  /** every name the package exports, decided by the naming passes before anything is printed */
  symbols: PackageSymbols;
  /**
   * a package of several protocol versions: each version, oldest first (merge-versions.ts);
   * undefined for a package of one schema set, whose nodes carry no versions
   */
  versions?: IrVersion[];
}

/** An operator of Plesk's envelope (`backup-manager`) and its operations. */
export interface IrOperator {
  name: string;
  /** its property in a packet's `operators` entry */
  prop: string;
  doc?: string;
  operations: IrOperation[];
  /** the packets that have it */
  packets: Array<'request' | 'response'>;
  /** the operation `waitForTask` polls (backup-manager's get-tasks-info), when the operator has it in both packets */
  taskPolling?: IrOperation;
  /** the protocol versions in which Plesk documents it, when known (passes/plesk-versions.ts) */
  protocols?: OperatorProtocols;
  /** set by name-client: the client's property (its prop, unless the client core has a member of that name) */
  clientProp: string;
  /** set by name-client: the class of its methods (`BackupManagerOperations`) */
  className: string;
  /** in a package of several protocol versions: the versions whose request packet has it */
  versions?: string[];
  availability?: IrAvailability;
}

/** One operation of an operator, in either packet or both. */
export interface IrOperation {
  name: string;
  prop: string;
  doc?: string;
  /** only reads (Plesk's `get…`): resent after a connection failure */
  read: boolean;
  /** answered with a file on success */
  binary: boolean;
  /** the operator's request holds this operation directly (one xs:choice, as db_server's), not in `operations` */
  single: boolean;
  /**
   * it starts a task its operator's `taskPolling` operation follows: it is not a read, and its
   * result holds the task's id (backup-manager's backup-* answer `result/task-id`)
   */
  startsTask: boolean;
  /** on the operation that polls tasks: the property of its request that selects one task (`taskId`) */
  taskFilter?: string;
  /** the same of the operator's answer */
  singleAnswer: boolean;
  request?: IrOperationRequest;
  response?: IrOperationResponse;
  /** set by name-client: the client method's name (its prop, unless the class has a member of that name) */
  method: string;
  /** in a package of several protocol versions: the versions that have it in the request and, if it has one, the response */
  versions?: string[];
  availability?: IrAvailability;
}

export interface IrOperationRequest {
  element: IrElement;
  /** what the client method takes: the operation's value */
  input: ValueType;
  /** a flag operation takes no input (its value is `true`) */
  flag: boolean;
  /** the value standing for an empty request, when it may be left out (`{}`, `''`) */
  empty?: '{}' | "''";
}

export interface IrOperationResponse {
  element: IrElement;
  /** the operation's answer type */
  answer: IrComplexType;
  unwrap: Unwrap;
  /** what the client method resolves to */
  returns: ValueType;
  /** the answer's <result> when it holds nothing else: what a stub handler returns */
  result?: { type: IrComplexType; many: boolean };
  /** a result given with its datasets as properties (name-client names it) */
  natural?: IrNaturalResult;
}

/**
 * A result the client gives in its natural shape: a repeated choice of distinct elements (the
 * datasets) held as the result's own properties, declared in client.ts as an interface:
 * `name extends Omit<base, prop>`, one optional property per member.
 */
export interface IrNaturalResult {
  /** set by name-client */
  name: string;
  /** the result as the client gives it before the datasets are merged: `OkResult<T.GetResultType>` */
  base: ValueType;
  /** the repeating group's property (`items`) */
  prop: string;
  members: Array<{ prop: string; type: ValueType; doc?: string }>;
}

/** Whether a particle may occur more than once: one definition for the generator and the runtime. */
export { isRepeating } from '../../runtime/codec/particles.js';
