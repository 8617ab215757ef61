/**
 * The code the generator emits per complex type for the decoder (src/records.ts of a generated
 * package), and how the decoder takes it up.
 *
 * The metadata tables (meta.ts) say everything about a type; the decoder reads them once per
 * schema into its plans (decode-plan.ts). What tables cannot give is a store that V8 sees as one:
 * a record's property written by a key held in a variable is a keyed store shared by every type
 * (megamorphic, slow, and the records it makes are shaped by chance). The generator therefore
 * writes, for every property of every record, a function that stores that one property by its
 * name ({@link PropertyStore}): each is a store site of its own, which sees the records of one type
 * only. The plans pick the function of each place once (the specific converter of a value is
 * picked the same way: simple-decoders.ts), and each record of a type (or of an iteration of a
 * repeating group) is made by a constructor of its own ({@link recordMaker}), so that V8 gives the
 * records of one type one hidden class and sizes them to their properties.
 *
 * The tables alone stay the reference: a schema without emitted code (a copy of the tables) is
 * decoded by the same decoder through its generic keyed stores, and the differential test
 * (test/emitted-differential.test.ts) requires the same values and the same errors from both.
 */
import type { SchemaMeta } from './meta.js';

/** A decoded record. */
export type Rec = Record<string, unknown>;

/**
 * Stores a value in one property of a record, as the generic decoder would. A property that holds
 * one value: returns 0, or -1 (and stores nothing) when the record already holds one. A repeating
 * property (an array): appends the value, and returns its index. (Its record is typed loosely so
 * that each store can name its property, `r.taskId`, which a record's index signature would refuse
 * under noPropertyAccessFromIndexSignature.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PropertyStore = (rec: any, value: unknown) => number;

/** The stores of one complex type's records (its own, and those of its repeating groups' iterations), by property. */
export interface TypeStores {
  /** properties that hold one value (elements, attributes, the text of simple content) */
  readonly one?: Readonly<Record<string, PropertyStore>>;
  /** properties that hold an array (repeating elements, wildcards) */
  readonly many?: Readonly<Record<string, PropertyStore>>;
}

/** The emitted code of a schema set: the stores of each complex type, by its name in the tables. */
export type RecordCode = Readonly<Record<string, TypeStores>>;

const codeBySchema = new WeakMap<SchemaMeta, RecordCode>();

/**
 * Gives the decoder the emitted code of a schema's types (codecs.ts of a generated package does,
 * once, for its `schema`). A schema without it is decoded through the tables alone.
 */
export function useRecordCode(schema: SchemaMeta, code: RecordCode): void {
  codeBySchema.set(schema, code);
}

/** The emitted code of a schema, if it has any. */
export function recordCodeOf(schema: SchemaMeta): RecordCode | undefined {
  return codeBySchema.get(schema);
}

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * The rest of an emitted store of a property that holds one value, when the record reads a value
 * there: -1 when it is the record's own; else (an Object.prototype polluted at run time) the value
 * is stored as the record's own property.
 */
export function once(rec: Rec, key: string, value: unknown): number {
  if (isOwnEnumerable.call(rec, key)) return -1;
  rec[key] = value;
  return 0;
}

/**
 * The rest of an emitted store of a repeating property, when the record reads a value there: the
 * value appended to the record's own array (its index); else (a polluted Object.prototype) a new
 * array of its own.
 */
export function added(rec: Rec, key: string, list: unknown, value: unknown): number {
  if (isOwnEnumerable.call(rec, key)) return (list as unknown[]).push(value) - 1;
  rec[key] = [value];
  return 0;
}

/**
 * A maker of empty records for one kind of record: objects whose prototype is Object.prototype,
 * as `{}` would be (equal to them in every way, `constructor` included), made by a constructor of
 * their own, so that V8 tracks their size (in-object properties) and their hidden class apart
 * from every other type's.
 */
export function recordMaker(): () => Rec {
  // (a function expression named Object: the records' constructor name, as shown, stays Object's)
  const Maker = function Object(this: Rec) {} as unknown as new () => Rec;
  Maker.prototype = Object.prototype;
  return () => new Maker();
}
