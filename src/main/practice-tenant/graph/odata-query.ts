import { badRequest, GraphFailure } from './graph-error';

/** One clause of the `$filter` forms the practice Graph understands: `p eq 'v'`, `p eq null`, `p in ('a','b')`. */
export interface FilterClause {
  readonly property: string;
  /** Accepted values, compared case-insensitively; `null` matches a null property. */
  readonly values: readonly (string | null)[];
}

/** The OData system query options of one request. */
export interface ODataQuery {
  /** Clauses joined by `and`. */
  readonly filter: readonly FilterClause[];
  readonly select: readonly string[] | undefined;
  readonly top: number | undefined;
  /** Offset into the collection, from `$skiptoken`. */
  readonly skip: number;
}

const literal = /^'((?:[^']|'')*)'$/;

const parseValue = (raw: string): string | null => {
  const text = raw.trim();
  if (text === 'null') return null;
  const quoted = literal.exec(text);
  if (quoted?.[1] !== undefined) return quoted[1].replaceAll("''", "'");
  // Graph accepts unquoted GUIDs for Guid-typed properties such as appId.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return text;
  throw badRequest(`Invalid filter clause: '${text}' is not a literal.`, 'BadRequest');
};

const splitList = (list: string): string[] => {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of list) {
    if (char === "'") quoted = !quoted;
    if (char === ',' && !quoted) {
      values.push(current);
      current = '';
    } else current += char;
  }
  values.push(current);
  return values;
};

/** Parses the `$filter` forms the practice Graph supports; anything else is Graph's 400. */
export const parseFilter = (filter: string): FilterClause[] =>
  filter
    .split(/\s+and\s+/i)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const eq = /^\s*([A-Za-z][\w/]*)\s+eq\s+(.+?)\s*$/i.exec(part);
      if (eq?.[1] !== undefined && eq[2] !== undefined) {
        return { property: eq[1], values: [parseValue(eq[2])] };
      }
      const inList = /^\s*([A-Za-z][\w/]*)\s+in\s+\((.*)\)\s*$/i.exec(part);
      if (inList?.[1] !== undefined && inList[2] !== undefined) {
        return { property: inList[1], values: splitList(inList[2]).map(parseValue) };
      }
      throw badRequest(`Invalid filter clause: ${part.trim()}`, 'BadRequest');
    });

const skipTokenOf = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

const offsetOf = (token: string): number => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) throw badRequest('Invalid $skiptoken.', 'Request_BadRequest');
  return Number(match[1]);
};

/** Reads `$filter`, `$select`, `$top` and `$skiptoken` from a query string. */
export const parseODataQuery = (search: URLSearchParams): ODataQuery => {
  const filter = search.get('$filter');
  const select = search.get('$select');
  const top = search.get('$top');
  const skipToken = search.get('$skiptoken');
  if (top !== null && !/^\d+$/.test(top)) {
    throw badRequest(`Invalid value '${top}' for $top query option.`, 'BadRequest');
  }
  return {
    filter: filter === null ? [] : parseFilter(filter),
    select:
      select === null
        ? undefined
        : select
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
    top: top === null ? undefined : Number(top),
    skip: skipToken === null ? 0 : offsetOf(skipToken),
  };
};

/** Keeps the items matching every clause; refuses properties the collection cannot be filtered on. */
export const applyFilter = <T>(
  items: readonly T[],
  clauses: readonly FilterClause[],
  resource: string,
  filterable: Readonly<Record<string, (item: T) => string | null>>,
): T[] => {
  const getters = clauses.map((clause) => {
    const getter = Object.entries(filterable).find(
      ([name]) => name.toLowerCase() === clause.property.toLowerCase(),
    );
    if (getter === undefined) {
      throw new GraphFailure(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${clause.property}' of resource '${resource}'.`,
      );
    }
    return { get: getter[1], values: clause.values };
  });
  return items.filter((item) =>
    getters.every(({ get, values }) => {
      const actual = get(item);
      return values.some((v) => (v === null ? actual === null : actual?.toLowerCase() === v.toLowerCase()));
    }),
  );
};

/** Keeps only the `$select`ed properties of an entity (annotations such as `@odata.type` stay). */
export const applySelect = (
  entity: Readonly<Record<string, unknown>>,
  select: readonly string[] | undefined,
): Record<string, unknown> => {
  if (select === undefined || select.length === 0) return { ...entity };
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(
    Object.entries(entity).filter(([key]) => key.startsWith('@odata.') || wanted.has(key.toLowerCase())),
  );
};

/**
 * One page of a collection and the `@odata.nextLink` to the next, as Graph pages results:
 * https://learn.microsoft.com/graph/paging. The link repeats the request's query with a `$skiptoken`.
 */
export const page = <T>(
  items: readonly T[],
  query: ODataQuery,
  defaultPageSize: number,
  requestUrl: URL,
): { items: T[]; nextLink: string | undefined } => {
  const size = Math.max(1, Math.min(query.top ?? defaultPageSize, 999));
  const items_ = items.slice(query.skip, query.skip + size);
  if (query.skip + size >= items.length) return { items: items_, nextLink: undefined };
  const next = new URL(requestUrl);
  next.searchParams.set('$skiptoken', skipTokenOf(query.skip + size));
  // Keep the spaces of $filter readable as Graph does (%20 rather than +).
  return { items: items_, nextLink: next.toString().replaceAll('+', '%20') };
};
