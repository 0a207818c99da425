/**
 * Generates the Graph v1.0 shapes the shape tests check the practice tenant's answers and the engine's request
 * bodies against, from Microsoft's v1.0 metadata facts.
 *
 * Usage (from the repository root): `npx tsx scripts/generate-graph-shapes.ts [reference-folder]`
 * The reference folder holds graph-v1-shapes.json (default: ../shared/data/graph), the property names and types of
 * the Graph types the onboarding touches, from microsoftgraph/msgraph-metadata's schemas/v1.0-Prod.csdl. The output
 * keeps, for each of those types, every property it has with its bases' (Graph returns a type's inherited
 * properties too), sorted by name, and is written to tests/support/graph-v1-shapes.json, which is committed: no
 * test reads the reference folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../', import.meta.url));
const source = resolve(root, process.argv[2] ?? '../shared/data/graph');
const target = resolve(root, 'tests/support/graph-v1-shapes.json');

const ShapeFactsSchema = z.object({
  source: z.string(),
  types: z.record(
    z.string(),
    z.object({
      kind: z.enum(['EntityType', 'ComplexType']),
      base: z.string().nullable(),
      props: z.record(z.string(), z.string()),
    }),
  ),
});

const facts = ShapeFactsSchema.parse(
  JSON.parse(readFileSync(resolve(source, 'graph-v1-shapes.json'), 'utf8')),
);

/** A type's properties with those of its bases, as Graph returns them. */
const allProperties = (name: string, seen: readonly string[] = []): Record<string, string> => {
  if (seen.includes(name)) throw new Error(`The base types of ${name} form a loop.`);
  const type = facts.types[name];
  if (type === undefined) throw new Error(`No type ${name} in the reference.`);
  const inherited = type.base === null ? {} : allProperties(type.base, [...seen, name]);
  return { ...inherited, ...type.props };
};

const types = Object.fromEntries(
  Object.keys(facts.types)
    .sort((a, b) => a.localeCompare(b, 'en'))
    .map((name) => {
      const properties = allProperties(name);
      const sorted = Object.fromEntries(
        Object.keys(properties)
          .sort((a, b) => a.localeCompare(b, 'en'))
          .map((key) => [key, properties[key]]),
      );
      return [name, { kind: facts.types[name]?.kind, properties: sorted }];
    }),
);

const shapes = {
  generatedBy: 'scripts/generate-graph-shapes.ts',
  from: facts.source,
  types,
};
// One type per line keeps the committed file small and its diffs readable.
const lines = Object.entries(types)
  .map(([name, type]) => `    ${JSON.stringify(name)}: ${JSON.stringify(type)}`)
  .join(',\n');
const head = JSON.stringify({ ...shapes, types: {} }, null, 2).replace(
  '"types": {}',
  `"types": {\n${lines}\n  }`,
);
writeFileSync(target, `${head}\n`);
console.log(`Wrote ${Object.keys(types).length} types to ${target}`);
