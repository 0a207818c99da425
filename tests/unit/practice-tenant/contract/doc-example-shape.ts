/** The JSON kind of a value, as a response shape compares it. */
const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
};

/**
 * Where a response differs in shape from the example in Microsoft's docs: every property the example shows must be
 * present with the same JSON kind (string, number, boolean, array, object), objects compared the same way. Every
 * item of a list is compared with the example's first. A list of objects the example shows with items must hold
 * items (an empty list would match any example), unless its path is in `mayBeEmpty` (items as `[*]`), for a list a
 * real tenant can have empty too; lists of strings may be empty (a user without phone numbers). `null` on either side stands for a nullable property, so it matches any kind. Properties the
 * example leaves out are allowed: Microsoft's examples are "shortened for readability".
 */
export const shapeDifferences = (
  actual: unknown,
  example: unknown,
  options: { readonly mayBeEmpty?: readonly string[] } = {},
  path = '$',
): string[] => {
  const expected = kindOf(example);
  const found = kindOf(actual);
  if (expected === 'null' || found === 'null') return [];
  if (expected !== found) return [`${path}: expected ${expected}, found ${found}`];
  if (expected === 'array') {
    const items = actual as unknown[];
    const [exampleFirst] = example as unknown[];
    if (exampleFirst === undefined) return [];
    const mayBeEmpty =
      kindOf(exampleFirst) !== 'object' ||
      (options.mayBeEmpty ?? []).includes(path.replace(/\[\d+\]/g, '[*]'));
    if (items.length === 0 && !mayBeEmpty) return [`${path}: empty, where Microsoft's example holds objects`];
    return items.flatMap((item, index) => shapeDifferences(item, exampleFirst, options, `${path}[${index}]`));
  }
  if (expected !== 'object') return [];
  const record = actual as Record<string, unknown>;
  return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) =>
    key in record
      ? shapeDifferences(record[key], value, options, `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
};
