/**
 * metadata.ts of a package of several protocol versions: one set of tables per version, each the
 * merged model seen from that version (model/version-view.ts), so that a packet of 1.6.6.0 is
 * encoded, validated and decoded by 1.6.6.0's declarations exactly. The declarations every
 * version has alike are printed once (`common`) and spread into each version's tables; a
 * declaration a version has alone, or declares otherwise, is printed in that version's own
 * entries. For Plesk's 1.6.6.0 and 1.6.9.1 that is ~1.2 times the lines of one version's
 * tables, where a copy per version would be twice.
 *
 *   const common: SchemaMeta = { simple: { … }, complex: { … } };
 *   const tables = { '1.6.6.0': () => ({ simple: { ...common.simple, 'Only166': … }, … }), … };
 *   export function schemaOf(version: ProtocolVersion): Frozen<SchemaMeta>   // made and frozen on first use,
 *                                                       // given the decoder's per-type code (records.ts)
 *   export const schema = schemaOf('1.6.9.1');   // the newest
 */
import { VariableDeclarationKind, type Project } from 'ts-morph';
import type { IrSchema } from '../model/ir.js';
import { versionView } from '../model/version-view.js';
import { jsDoc } from './comments.js';
import { complexEntry, schemaTables, simpleEntry, sortedKeys, TABLES } from './emit-metadata.js';
import { createGeneratedFile, spliced, textOf } from './print.js';
import { quote } from './type-expressions.js';

export function emitVersionMetadata(project: Project, ir: IrSchema): string {
  const versions = ir.versions!.map((v) => v.protocolVersion);
  const tables = versions.map((v) => schemaTables(versionView(ir, v)));
  const shared = { simple: new Map<string, string>(), complex: new Map<string, string>() };
  const own = versions.map(() => ({ simple: [] as string[], complex: [] as string[] }));
  for (const kind of ['simple', 'complex'] as const) {
    const keys = sortedKeys(new Map(tables.flatMap((t) => [...t[kind].keys()].map((k) => [k, true] as const))));
    for (const key of keys) {
      const texts = tables.map((t) => {
        const meta = t[kind].get(key);
        return meta === undefined ? undefined : kind === 'simple' ? simpleEntry(key, meta as never) : complexEntry(key, meta as never);
      });
      if (texts.every((text) => text !== undefined && text === texts[0])) shared[kind].set(key, texts[0]!);
      else texts.forEach((text, i) => text !== undefined && own[i]![kind].push(text));
    }
  }

  const file = createGeneratedFile(project, 'metadata.ts', ir.entries, 'The ordered schema tables the runtime encodes and decodes with, one set per protocol version.');
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/meta.js', namedImports: ['frozenSchema', 'type Frozen', 'type SchemaMeta'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './protocol-version.js', namedImports: ['ProtocolVersion'] });
  // the decoder's per-type code (records.ts) serves every version's tables: the types have the same names in each
  file.addImportDeclaration({ moduleSpecifier: './records.js', namedImports: ['RECORD_CODE'] });
  file.addImportDeclaration({ moduleSpecifier: './runtime/codec/record-code.js', namedImports: ['useRecordCode'] });
  const COMMON = `${TABLES}_COMMON`;
  const VERSIONS = `${TABLES}_VERSIONS`;
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'common', type: 'SchemaMeta', initializer: COMMON }],
    docs: [jsDoc('The declarations every protocol version of the package that has them declares alike, printed once.')],
  });
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'tables', type: 'Readonly<Record<ProtocolVersion, () => SchemaMeta>>', initializer: VERSIONS }],
    docs: [jsDoc('Each protocol version\'s tables: the common declarations, and those the version has alone or declares otherwise; made on first use, so that importing the package costs one version\'s tables, not all.')],
  });
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'made', type: 'Map<ProtocolVersion, Frozen<SchemaMeta>>', initializer: 'new Map()' }],
  });
  file.addFunction({
    isExported: true,
    name: 'schemaOf',
    parameters: [{ name: 'version', type: 'ProtocolVersion' }],
    returnType: 'Frozen<SchemaMeta>',
    docs: [jsDoc(`The tables of one protocol version of the package (${versions.join(', ')}): every type that version declares, by TypeScript name; frozen all the way down (the runtime only reads them, and no caller can change what another validates).\n\n@throws TypeError when the package has no schemas of that version`)],
    statements: [
      `if (!Object.hasOwn(tables, version)) throw new TypeError(\`schemaOf: this package has no schemas of protocol version \${String(version)}; it has ${versions.join(', ')}\`);`,
      'let schema = made.get(version);',
      'if (schema === undefined) {',
      '  made.set(version, (schema = frozenSchema(tables[version]())));',
      '  useRecordCode(schema, RECORD_CODE);',
      '}',
      'return schema;',
    ],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'schema', type: 'Frozen<SchemaMeta>', initializer: `schemaOf(${quote(versions.at(-1)!)})` }],
    docs: [jsDoc(`The tables of the newest protocol version (${versions.at(-1)}); \`schemaOf(version)\` gives any version's.`)],
  });
  const common = ['{', '    simple: {', ...shared.simple.values(), '    },', '    complex: {', ...shared.complex.values(), '    },', '  }'];
  const perVersion = ['{'];
  versions.forEach((version, i) => {
    perVersion.push(`  ${quote(version)}: () => ({`, '    simple: {', '      ...common.simple,', ...own[i]!.simple, '    },', '    complex: {', '      ...common.complex,', ...own[i]!.complex, '    },', '  }),');
  });
  perVersion.push('}');
  return spliced(project, spliced(project, textOf(file), COMMON, common.join('\n')), VERSIONS, perVersion.join('\n'));
}
