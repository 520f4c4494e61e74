/**
 * The v5 adapter hands decoded v5 requests to the v6-shaped service and encodes v6 answers with
 * the v5 classes. That holds only while every message both protocols share has the same fields
 * (by camelCase name and type) and enums the same values; this test reads both .proto files and
 * fails on any difference the adapter does not list in V5_DIFFERENCES.
 */
import { join } from 'node:path';
import * as protobuf from 'protobufjs';
import { RENAMED, TFPLUGIN5_RPCS, V5_DIFFERENCES, V5_ONLY_MESSAGES, V6_NAME_OF, V6_ONLY } from '../../src/plugin/protocol/tfplugin5-server';
import { TFPLUGIN6_RPCS } from '../../src/plugin/protocol/tfplugin6-server';

const protoDir = join(__dirname, '..', '..', 'src', 'plugin', 'protocol', 'proto');

function load(version: 5 | 6): protobuf.Namespace {
  const root = new protobuf.Root();
  root.loadSync(join(protoDir, `tfplugin${version}.proto`), { keepCase: false });
  root.resolveAll();
  return root.lookup(`tfplugin${version}`) as protobuf.Namespace;
}

/** Every message and enum of a package by its name inside the package (`Schema.Attribute`). */
function definitions(pkg: protobuf.Namespace): Map<string, protobuf.Type | protobuf.Enum> {
  const out = new Map<string, protobuf.Type | protobuf.Enum>();
  const walk = (ns: protobuf.NamespaceBase, prefix: string): void => {
    for (const nested of ns.nestedArray) {
      const name = prefix ? `${prefix}.${nested.name}` : nested.name;
      if (nested instanceof protobuf.Enum) out.set(name, nested);
      else if (nested instanceof protobuf.Type) {
        out.set(name, nested);
        walk(nested, name);
      } else if (nested instanceof protobuf.Namespace) walk(nested, name);
    }
  };
  walk(pkg, '');
  return out;
}

const v5 = load(5);
const v6 = load(6);
const v5Defs = definitions(v5);
const v6Defs = definitions(v6);

/** v5 message namespace -> v6 namespace, from the adapter's own RPC renames. */
const namespaceTo6 = new Map(Object.entries(V6_NAME_OF).map(([rpc6, rpc5]) => [RENAMED[rpc5]?.[0] ?? rpc5, rpc6] as const));
const to6 = (name5: string): string => {
  const [head, ...rest] = name5.split('.');
  return [namespaceTo6.get(head) ?? head, ...rest].join('.');
};
/** A type's name inside its package; types of other packages (google.protobuf) keep their full name. */
const localName = (type: protobuf.ReflectionObject, pkg: protobuf.Namespace): string =>
  type.fullName.startsWith(`${pkg.fullName}.`) ? type.fullName.slice(pkg.fullName.length + 1) : type.fullName;

/** A field's type as a name comparable across the packages (message types in v6 terms). */
function fieldType(field: protobuf.Field, pkg: protobuf.Namespace, version: 5 | 6): string {
  const resolved = field.resolvedType;
  const base = resolved ? localName(resolved, pkg) : field.type;
  const name = resolved && version === 5 ? to6(base) : base;
  return `${field.repeated ? 'repeated ' : ''}${field instanceof protobuf.MapField ? `map<${field.keyType}> ` : ''}${name}`;
}

const listed = (message6: string, field: string, only: 5 | 6): boolean =>
  V5_DIFFERENCES.some((d) => to6(d.message) === message6 && d.field === field && d.only === only);

test("the v5 service offers exactly the adapter's RPCs (plus provisioner RPCs no engine calls on a provider), with the same streaming", () => {
  const service = v5.lookupService('Provider');
  const served = TFPLUGIN5_RPCS.map(([rpc]) => rpc).sort();
  expect(
    Object.keys(service.methods)
      .filter((m) => !(V5_ONLY_MESSAGES as readonly string[]).includes(m))
      .sort(),
  ).toEqual(served);
  const service6 = v6.lookupService('Provider');
  for (const [rpc6, kind] of TFPLUGIN6_RPCS) {
    const method6 = service6.methods[rpc6];
    expect([
      rpc6,
      method6.responseStream ? (method6.requestStream ? 'bidi' : 'serverStream') : method6.requestStream ? 'clientStream' : 'unary',
    ]).toEqual([rpc6, kind]);
    if (V6_ONLY.has(rpc6)) continue;
    const method5 = service.methods[V6_NAME_OF[rpc6] ?? rpc6];
    expect([rpc6, method5.requestStream, method5.responseStream]).toEqual([rpc6, method6.requestStream, method6.responseStream]);
    expect(to6(localName(method5.resolvedRequestType!, v5))).toBe(localName(method6.resolvedRequestType!, v6));
    expect(to6(localName(method5.resolvedResponseType!, v5))).toBe(localName(method6.resolvedResponseType!, v6));
  }
});

test('every message and enum the protocols share has the same fields and values, except the differences the adapter handles', () => {
  const unhandled: string[] = [];
  let compared = 0;
  for (const [name5, def5] of v5Defs) {
    const name6 = to6(name5);
    const def6 = v6Defs.get(name6);
    if (!def6) continue;
    compared += 1;
    if (def5 instanceof protobuf.Enum || def6 instanceof protobuf.Enum) {
      if (JSON.stringify((def5 as protobuf.Enum).values) !== JSON.stringify((def6 as protobuf.Enum).values)) {
        unhandled.push(`enum ${name6}: values differ`);
      }
      continue;
    }
    for (const field of def5.fieldsArray) {
      const other = def6.fields[field.name];
      if (!other) {
        if (!listed(name6, field.name, 5)) unhandled.push(`${name6}.${field.name}: only in v5`);
      } else if (fieldType(field, v5, 5) !== fieldType(other, v6, 6)) {
        unhandled.push(`${name6}.${field.name}: ${fieldType(field, v5, 5)} in v5, ${fieldType(other, v6, 6)} in v6`);
      } else if (Boolean(field.partOf) !== Boolean(other.partOf) || field.partOf?.name !== other.partOf?.name) {
        unhandled.push(`${name6}.${field.name}: oneof differs`);
      }
    }
    for (const field of def6.fieldsArray) {
      if (!def5.fields[field.name] && !listed(name6, field.name, 6)) unhandled.push(`${name6}.${field.name}: only in v6`);
    }
  }
  expect(unhandled).toEqual([]);
  expect(compared).toBeGreaterThan(80);
});

test('every message a served v5 RPC carries exists in v5: v6-only messages hang only off v6-only RPCs or listed fields', () => {
  const reachable = new Set<string>();
  const visit = (type: protobuf.Type | protobuf.Enum): void => {
    const name = localName(type, v6);
    if (reachable.has(name)) return;
    reachable.add(name);
    if (type instanceof protobuf.Enum) return;
    for (const field of type.fieldsArray) {
      if (field.resolvedType && !listed(name, field.name, 6)) visit(field.resolvedType);
    }
  };
  const service6 = v6.lookupService('Provider');
  for (const [rpc6] of TFPLUGIN6_RPCS) {
    if (V6_ONLY.has(rpc6)) continue;
    visit(service6.methods[rpc6].resolvedRequestType!);
    visit(service6.methods[rpc6].resolvedResponseType!);
  }
  const v5Names = new Set([...v5Defs.keys()].map(to6));
  expect([...reachable].filter((name) => !name.startsWith('.') && !v5Names.has(name))).toEqual([]);
  expect(reachable.size).toBeGreaterThan(60);
  expect(V5_DIFFERENCES.filter((d) => !v5Defs.has(d.message) && !v6Defs.has(to6(d.message)))).toEqual([]);
});
