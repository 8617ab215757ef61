/**
 * Gives every user-declared type its TypeScript name, in one global step so that no name depends
 * on the order emitters run in, or on which other schema files are in the set.
 *
 * - A name asked for by a convention (`RequestPacket`) is taken first.
 * - A named type is PascalCase of its XSD name (`id_type` → `IdType`). When schema files of the
 *   set declare that name more than once in different files, every one of them is qualified by
 *   its file (see {@link qualifiedName}): Plesk's `GetType` of server_input.xsd and of
 *   server_output.xsd become `ServerGetRequest` and `ServerGetResponse`. A name declared once keeps
 *   its plain name, so adding a schema file renames only the types whose name that file declares
 *   too, never an unrelated one.
 * - An anonymous type is named after where it sits (`BackupGetBackupStatusOutputResultTask`),
 *   starting from its enclosing named type's final name; when that name is taken it gets
 *   `Element` (complex) or `Value` (simple): `ProtectedDirLocationElement` beside the named
 *   `ProtectedDirLocation`.
 * - A name that would shadow a TypeScript global or a runtime export gets `Type` (`string` →
 *   `StringType`).
 * A number is the last resort for a name still taken after these rules (none in Plesk's schemas).
 */
import path from 'node:path';
import type { IrComplexType, IrSchema, IrSimpleType } from '../model/ir.js';
import { compareCodePoints, compareLocations, pascalCase } from './names.js';
import type { PackageSymbols } from './symbol-table.js';

type Named = IrComplexType | IrSimpleType;

/** `name`, or `nameType` when the runtime, a generated file or a global has `name` (reserve-names.ts). */
function unreserved(table: PackageSymbols, name: string): string {
  const kind = table.get(name)?.kind;
  return kind === 'runtime' || kind === 'generated' ? `${name}Type` : name;
}

export function nameTypes(ir: IrSchema): IrSchema {
  const registry = {
    claim: (name: string, origin: string) => ir.symbols.claim('type', [name], origin),
    has: (name: string) => ir.symbols.has(name),
  };
  const all: Named[] = [...ir.complexTypes, ...ir.simpleTypes];
  const byLocation = (a: Named, b: Named) => compareLocations(a, b) || compareCodePoints(a.hint.join('/'), b.hint.join('/'));
  const preferred = all.filter((t) => 'preferredName' in t && t.preferredName).sort(byLocation);
  const named = all.filter((t) => !preferred.includes(t) && t.xsdName !== undefined).sort(byLocation);
  const anonymous = all.filter((t) => !preferred.includes(t) && t.xsdName === undefined).sort(byLocation);

  for (const type of preferred) type.tsName = registry.claim((type as IrComplexType).preferredName!, origin(type));

  // files declaring each plain name: a name of more than one file is qualified everywhere
  const filesOf = new Map<string, Set<string>>();
  for (const type of named) {
    const plain = unreserved(ir.symbols, pascalCase(type.xsdName!));
    filesOf.set(plain, (filesOf.get(plain) ?? new Set()).add(type.loc.file));
  }
  /** final names of named types, by file and XSD name, for the anonymous types inside them */
  const finalName = new Map<string, string>();
  for (const type of named) {
    const plain = unreserved(ir.symbols, pascalCase(type.xsdName!));
    const wanted = filesOf.get(plain)!.size > 1 ? unreserved(ir.symbols, qualifiedName(type.xsdName!, type.loc.file)) : plain;
    type.tsName = registry.claim(registry.has(wanted) && wanted !== plain ? plain : wanted, origin(type));
    finalName.set(`${type.loc.file}\u0000${type.xsdName}`, type.tsName);
  }
  for (const type of anonymous) {
    const [owner, ...rest] = type.hint;
    const start = owner === undefined ? undefined : finalName.get(`${type.loc.file}\u0000${owner}`);
    const base = unreserved(ir.symbols, start === undefined ? pascalCase(...type.hint) : pascalCase(start, ...rest));
    const wanted = registry.has(base) ? `${base}${'content' in type ? 'Element' : 'Value'}` : base;
    type.tsName = registry.claim(wanted, origin(type));
  }
  return ir;
}

function origin(type: Named): string {
  const kind = 'content' in type ? 'complexType' : 'simpleType';
  return `${type.xsdName !== undefined ? `${kind} ${type.xsdName}` : `an anonymous ${kind} in ${type.hint.join('/')}`} (${type.loc.file}:${type.loc.line})`;
}

/**
 * A name two schema files both declare, qualified by what tells them apart: the file's subject
 * (its name without `_input` / `_output`) and its side (`_input.xsd` → `Request`, `_output.xsd`
 * → `Response`), a trailing `Type` dropped. `GetType` of server_input.xsd → `ServerGetRequest`;
 * `ServerOperatorType` of server_output.xsd → `ServerOperatorResponse` (the subject is not
 * repeated); `LimitsType` of domain_template.xsd → `DomainTemplateLimits`.
 */
export function qualifiedName(xsdName: string, file: string): string {
  const stem = path.posix.basename(file).replace(/\.xsd$/i, '');
  const side = /_input$/i.test(stem) ? 'Request' : /_output$/i.test(stem) ? 'Response' : '';
  const subject = pascalCase(stem.replace(/_(input|output)$/i, ''));
  const plain = pascalCase(xsdName);
  const core = plain.length > 4 && plain.endsWith('Type') ? plain.slice(0, -4) : plain;
  return `${core.startsWith(subject) ? '' : subject}${core}${side}`;
}
