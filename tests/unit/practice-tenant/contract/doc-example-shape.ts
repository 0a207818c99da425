/** The JSON kind of a value, as a response shape compares it. */
const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
};

/**
 * Where a response differs in shape from the example in Microsoft's docs: every property the example shows must be
 * present with the same JSON kind (string, number, boolean, array, object), objects and the first item of arrays
 * compared the same way. `null` on either side stands for a nullable property, so it matches any kind. Properties the
 * example leaves out are allowed: Microsoft's examples are "shortened for readability".
 */
export const shapeDifferences = (actual: unknown, example: unknown, path = '$'): string[] => {
  const expected = kindOf(example);
  const found = kindOf(actual);
  if (expected === 'null' || found === 'null') return [];
  if (expected !== found) return [`${path}: expected ${expected}, found ${found}`];
  if (expected === 'array') {
    const [first] = actual as unknown[];
    const [exampleFirst] = example as unknown[];
    return first === undefined || exampleFirst === undefined
      ? []
      : shapeDifferences(first, exampleFirst, `${path}[0]`);
  }
  if (expected !== 'object') return [];
  const record = actual as Record<string, unknown>;
  return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) =>
    key in record ? shapeDifferences(record[key], value, `${path}.${key}`) : [`${path}.${key}: missing`],
  );
};
