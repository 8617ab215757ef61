/**
 * Facet values must be values of the type they restrict (generator/model/facet-values.ts): given a
 * restriction → the SchemaError (file, line, value, fix), or the TypeScript type it becomes.
 */
import test from 'ava';
import path from 'node:path';
import { SchemaError } from '../generator/errors.js';
import { generateFrom } from './helpers/project.js';

const BASE = '/virtual';

/** main.xsd with one simple type E: `base`, then `facets` on line 4. */
function generateType(base: string, facets: string, before = '') {
  const xsd = `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:simpleType name="E"><xs:restriction base="${base}">\n    ${facets}\n  </xs:restriction></xs:simpleType>\n${before}</xs:schema>\n`;
  return generateFrom([path.join(BASE, 'main.xsd')], BASE, (abs) => (abs === path.join(BASE, 'main.xsd') ? xsd : undefined));
}

const SMALL = '  <xs:simpleType name="Small"><xs:restriction base="xs:int"><xs:minInclusive value="1"/><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name="Pick"><xs:restriction base="xs:integer"><xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType>\n';

const refused: Array<[string, { base: string; facets: string; message: string }]> = [
  ['a word as an integer enumeration', {
    base: 'xs:integer',
    facets: '<xs:enumeration value="1"/><xs:enumeration value="abc"/>',
    message: 'main.xsd:4:32 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "abc" is not a value of the base type xs:integer: "abc" is not an integer\n  fix: give a value of xs:integer, or derive the type from xs:string',
  }],
  ['Infinity as an int enumeration', {
    base: 'xs:int',
    facets: '<xs:enumeration value="Infinity"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "Infinity" is not a value of the base type xs:int: "Infinity" is not an integer\n  fix: give a value of xs:int, or derive the type from xs:string',
  }],
  ['an enumeration beyond the range of xs:byte', {
    base: 'xs:byte',
    facets: '<xs:enumeration value="300"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "300" is not a value of the base type xs:byte: 300 is greater than the maximum 127 of xs:byte\n  fix: give a value of xs:byte, or derive the type from xs:string',
  }],
  ['an enumeration outside a named base\'s bounds', {
    base: 'Small',
    facets: '<xs:enumeration value="0"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "0" is not a value of the base type Small: 0 is less than the minimum 1 of Small\n  fix: give a value of Small, or derive the type from xs:string',
  }],
  ['an enumeration its base\'s enumeration lacks', {
    base: 'Pick',
    facets: '<xs:enumeration value="3"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "3" is not a value of the base type Pick: it is not one of the values of Pick: 1, 2\n  fix: give a value of Pick, or derive the type from xs:string',
  }],
  ['a string enumeration longer than its base allows', {
    base: 'Code',
    facets: '<xs:enumeration value="abcd"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "abcd" is not a value of the base type Code: it is longer than the maximum length 3 of Code\n  fix: give a value of Code, or derive the type from xs:string',
  }],
  ['a boolean enumeration that is not a boolean', {
    base: 'xs:boolean',
    facets: '<xs:enumeration value="yes"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "yes" is not a value of the base type xs:boolean: "yes" is not a boolean (true, false, 1 or 0)\n  fix: give a value of xs:boolean, or derive the type from xs:string',
  }],
  ['a decimal enumeration that is not a decimal', {
    base: 'xs:decimal',
    facets: '<xs:enumeration value="1.2.3"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "1.2.3" is not a value of the base type xs:decimal: "1.2.3" is not a decimal number\n  fix: give a value of xs:decimal, or derive the type from xs:string',
  }],
  ['a double enumeration that is not a number', {
    base: 'xs:double',
    facets: '<xs:enumeration value="Infinity"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:enumeration): the enumeration value "Infinity" is not a value of the base type xs:double: "Infinity" is not a number (a double: digits, an exponent, INF, -INF or NaN)\n  fix: give a value of xs:double, or derive the type from xs:string',
  }],
  ['a bound that is not an integer', {
    base: 'xs:int',
    facets: '<xs:minInclusive value="0"/>\n    <xs:maxInclusive value="1e3"/>',
    message: 'main.xsd:5:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:maxInclusive): the maxInclusive value "1e3" is not a value of the base type xs:int: "1e3" is not an integer\n  fix: give a value of xs:int',
  }],
  ['a bound beyond the range of its base', {
    base: 'xs:byte',
    facets: '<xs:maxInclusive value="300"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:maxInclusive): the maxInclusive value "300" is not a value of the base type xs:byte: 300 is greater than the maximum 127 of xs:byte\n  fix: give a value of xs:byte',
  }],
  ['an exclusive bound at the edge of a big integer range', {
    base: 'xs:unsignedLong',
    facets: '<xs:maxExclusive value="18446744073709551616"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:maxExclusive): the maxExclusive value "18446744073709551616" is not a value of the base type xs:unsignedLong: 18446744073709551616 is greater than the maximum 18446744073709551615 of xs:unsignedLong\n  fix: give a value of xs:unsignedLong',
  }],
  ['a bound on a string', {
    base: 'xs:string',
    facets: '<xs:maxInclusive value="9"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:maxInclusive): xs:maxInclusive does not apply to xs:string: plesk-codegen checks bounds of numbers only\n  fix: remove it, or bound the length with xs:maxLength',
  }],
  ['a bound on a date', {
    base: 'xs:date',
    facets: '<xs:minInclusive value="2020-01-01"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:minInclusive): xs:minInclusive does not apply to xs:date: plesk-codegen checks bounds of numbers only\n  fix: remove it',
  }],
  ['a length on a number', {
    base: 'xs:int',
    facets: '<xs:maxLength value="3"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:maxLength): xs:maxLength does not apply to xs:int, a number\n  fix: bound the value with xs:minInclusive / xs:maxInclusive, or its digits with xs:totalDigits',
  }],
  ['a length that is not a count', {
    base: 'xs:string',
    facets: '<xs:length value="-1"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:length): length "-1" is not a non-negative integer\n  fix: give a whole number',
  }],
  ['totalDigits 0', {
    base: 'xs:decimal',
    facets: '<xs:totalDigits value="0"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:totalDigits): totalDigits "0" is not a positive integer\n  fix: give a whole number of at least 1',
  }],
  ['totalDigits on a double', {
    base: 'xs:double',
    facets: '<xs:totalDigits value="5"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:totalDigits): xs:totalDigits does not apply to xs:double: only xs:decimal and the integer types have digits\n  fix: remove it',
  }],
  ['fraction digits on an integer', {
    base: 'xs:long',
    facets: '<xs:fractionDigits value="2"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:fractionDigits): fractionDigits "2" on the integer type xs:long must be 0\n  fix: remove it: an integer has no fraction digits',
  }],
  ['white space kept in a number', {
    base: 'xs:int',
    facets: '<xs:whiteSpace value="preserve"/>',
    message: 'main.xsd:4:5 (xs:schema/xs:simpleType[@name=E]/xs:restriction/xs:whiteSpace): whiteSpace "preserve" on xs:int: the white space of a number is always collapsed\n  fix: remove it, or give "collapse"',
  }],
];

for (const [name, { base, facets, message }] of refused) {
  test(`refuses ${name}`, (t) => {
    const error = t.throws(() => generateType(base, facets, SMALL), { instanceOf: SchemaError });
    t.is(error?.code, 'invalid-facet');
    t.is(error?.message, message);
  });
}

const accepted: Array<[string, { base: string; facets: string; type: string }]> = [
  ['integer enumerations with a sign, leading zeros and white space', { base: 'xs:integer', facets: '<xs:enumeration value="+1"/><xs:enumeration value=" 02 "/><xs:enumeration value="-3"/>', type: 'export type E = 1 | 2 | -3;' }],
  ['int enumerations become number literals', { base: 'xs:int', facets: '<xs:enumeration value="+1"/><xs:enumeration value="02"/>', type: 'export type E = 1 | 2;' }],
  ['bounds within the base and exact beyond 2^53', { base: 'xs:unsignedLong', facets: '<xs:minInclusive value="9007199254740993"/><xs:maxExclusive value="18446744073709551615"/>', type: 'export type E = bigint;' }],
  ['decimal bounds compared exactly', { base: 'xs:decimal', facets: '<xs:minInclusive value="-0.10"/><xs:maxInclusive value="100000000000000000000.000000000000000000001"/><xs:totalDigits value="45"/><xs:fractionDigits value="21"/>', type: 'export type E = string;' }],
  ['a double enumeration of INF, -INF and NaN is a number', { base: 'xs:double', facets: '<xs:enumeration value="INF"/><xs:enumeration value="-INF"/><xs:enumeration value="NaN"/><xs:enumeration value="1.5e3"/>', type: 'export type E = number;' }],
  ['an enumeration inside a named base', { base: 'Small', facets: '<xs:enumeration value="1"/><xs:enumeration value="9"/>', type: 'export type E = 1 | 9;' }],
  ['boolean enumerations', { base: 'xs:boolean', facets: '<xs:enumeration value="true"/><xs:enumeration value="0"/>', type: 'export type E = boolean;' }],
];

for (const [name, { base, facets, type }] of accepted) {
  test(`accepts ${name}`, (t) => {
    const types = generateType(base, facets, SMALL).files.get('src/types.ts')!;
    t.true(types.split('\n').includes(type), `${type} in\n${types}`);
  });
}
