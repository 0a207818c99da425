import { badRequest, GraphFailure } from './graph-error';

/**
 * One clause of the `$filter` forms the practice Graph understands: `p eq 'v'`, `p eq null`, `p in ('a','b')`, and,
 * in advanced queries only, `p ne 'v'`, `not(p eq 'v')` and `endsWith(p,'v')`; a `$search` term is one more clause.
 */
export interface FilterClause {
  readonly property: string;
  /** `eq` (also `in`), `endsWith`, or `search` (a `$search` term: a word of the property starts with the value). */
  readonly operator: 'eq' | 'endsWith' | 'search';
  /** Accepted values, compared case-insensitively; `null` matches a null property. */
  readonly values: readonly (string | null)[];
  /** `ne` or `not(…)`: the clause holds when the comparison does not. */
  readonly negated: boolean;
}

/** The OData system query options of one request. */
export interface ODataQuery {
  /** Clauses joined by `and`. */
  readonly filter: readonly FilterClause[];
  readonly select: readonly string[] | undefined;
  readonly top: number | undefined;
  /** Offset into the collection, from `$skiptoken`. */
  readonly skip: number;
  /**
   * Advanced query capabilities are on: the request carries `ConsistencyLevel: eventual` and `$count=true`, and the
   * answer carries `@odata.count` (without the header Graph silently ignores `$count=true` on directory objects).
   * https://learn.microsoft.com/graph/aad-advanced-queries
   */
  readonly advanced: boolean;
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

/**
 * Graph's answer to an operator that only advanced queries support, sent without `ConsistencyLevel: eventual` or
 * `$count=true` (the message Microsoft shows for `endsWith`, and for `not`, in its error-handling examples):
 * https://learn.microsoft.com/graph/aad-advanced-queries#error-handling-for-advanced-queries-on-directory-objects
 */
export const advancedOperatorRefused = (operator: string): GraphFailure =>
  new GraphFailure(
    400,
    'Request_UnsupportedQuery',
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );

/**
 * Graph's answer to an OData cast on a transitive membership list sent without the advanced query parameters.
 * Microsoft lists the cast among the queries that need them, and says such a request "returns an error" with the
 * code of the examples (`Request_UnsupportedQuery`); it does not publish the wording for the cast, so the message
 * follows its template for operators: https://learn.microsoft.com/graph/aad-advanced-queries
 */
export const advancedCastRefused = (segment: string): GraphFailure =>
  new GraphFailure(
    400,
    'Request_UnsupportedQuery',
    `The OData cast on '${segment}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );

const parseClause = (part: string): { clause: FilterClause; advancedOperator: string | undefined } => {
  const not = /^\s*not\s*\((.*)\)\s*$/i.exec(part) ?? /^\s*not\s+(.*?)\s*$/i.exec(part);
  if (not?.[1] !== undefined) {
    const inner = parseClause(not[1]);
    return { clause: { ...inner.clause, negated: !inner.clause.negated }, advancedOperator: 'not' };
  }
  const endsWith = /^\s*endsWith\(\s*([A-Za-z][\w/]*)\s*,\s*(.+?)\s*\)\s*$/i.exec(part);
  if (endsWith?.[1] !== undefined && endsWith[2] !== undefined) {
    return {
      clause: {
        property: endsWith[1],
        operator: 'endsWith',
        values: [parseValue(endsWith[2])],
        negated: false,
      },
      advancedOperator: 'endsWith',
    };
  }
  const compare = /^\s*([A-Za-z][\w/]*)\s+(eq|ne)\s+(.+?)\s*$/i.exec(part);
  if (compare?.[1] !== undefined && compare[2] !== undefined && compare[3] !== undefined) {
    const ne = compare[2].toLowerCase() === 'ne';
    return {
      clause: { property: compare[1], operator: 'eq', values: [parseValue(compare[3])], negated: ne },
      advancedOperator: ne ? 'ne' : undefined,
    };
  }
  const inList = /^\s*([A-Za-z][\w/]*)\s+in\s+\((.*)\)\s*$/i.exec(part);
  if (inList?.[1] !== undefined && inList[2] !== undefined) {
    return {
      clause: {
        property: inList[1],
        operator: 'eq',
        values: splitList(inList[2]).map(parseValue),
        negated: false,
      },
      advancedOperator: undefined,
    };
  }
  throw badRequest(`Invalid filter clause: ${part.trim()}`, 'BadRequest');
};

/**
 * Parses the `$filter` forms the practice Graph supports; anything else is Graph's 400. `ne`, `not` and `endsWith`
 * are refused unless `advanced` (https://learn.microsoft.com/graph/aad-advanced-queries: "The not and ne negation
 * operators are supported only with advanced query parameters", and `endsWith` likewise).
 */
export const parseFilter = (filter: string, advanced = false): FilterClause[] =>
  filter
    .split(/\s+and\s+/i)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const { clause, advancedOperator } = parseClause(part);
      if (advancedOperator !== undefined && !advanced) throw advancedOperatorRefused(advancedOperator);
      return clause;
    });

/**
 * Parses `$search="property:value"`, which directory objects support only with `ConsistencyLevel: eventual` (it
 * needs no `$count`), with the answer Microsoft documents for a request without the header:
 * https://learn.microsoft.com/graph/aad-advanced-queries#error-handling-for-advanced-queries-on-directory-objects
 */
const parseSearch = (search: string, eventual: boolean): FilterClause => {
  if (!eventual) {
    throw new GraphFailure(
      400,
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const term = /^\s*"([A-Za-z][\w/]*):([^"]*)"\s*$/.exec(search);
  if (term?.[1] === undefined || term[2] === undefined) {
    throw badRequest(`Syntax error: invalid $search value ${search}.`, 'Request_UnsupportedQuery');
  }
  return { property: term[1], operator: 'search', values: [term[2]], negated: false };
};

const skipTokenOf = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

const offsetOf = (token: string): number => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) throw badRequest('Invalid $skiptoken.', 'Request_BadRequest');
  return Number(match[1]);
};

/** Whether a request asks for eventual consistency (`ConsistencyLevel: eventual`), the header name in any case. */
export const asksEventualConsistency = (headers: Readonly<Record<string, string | undefined>>): boolean =>
  Object.entries(headers).some(
    ([name, value]) =>
      name.toLowerCase() === 'consistencylevel' && value?.trim().toLowerCase() === 'eventual',
  );

/**
 * Reads `$filter`, `$search`, `$count`, `$select`, `$top` and `$skiptoken` from a query string, with the request's
 * headers (`ConsistencyLevel`) that decide whether advanced query capabilities apply.
 */
export const parseODataQuery = (
  search: URLSearchParams,
  headers: Readonly<Record<string, string | undefined>> = {},
): ODataQuery => {
  const filter = search.get('$filter');
  const select = search.get('$select');
  const top = search.get('$top');
  const skipToken = search.get('$skiptoken');
  const searchTerm = search.get('$search');
  const eventual = asksEventualConsistency(headers);
  const countAsked = search.get('$count')?.toLowerCase() === 'true';
  const advanced = eventual && countAsked;
  if (top !== null && !/^\d+$/.test(top)) {
    throw badRequest(`Invalid value '${top}' for $top query option.`, 'BadRequest');
  }
  return {
    filter: [
      ...(filter === null ? [] : parseFilter(filter, advanced)),
      ...(searchTerm === null ? [] : [parseSearch(searchTerm, eventual)]),
    ],
    select:
      select === null
        ? undefined
        : select
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
    top: top === null ? undefined : Number(top),
    skip: skipToken === null ? 0 : offsetOf(skipToken),
    advanced,
  };
};

const compare = (operator: FilterClause['operator'], actual: string, value: string): boolean => {
  const a = actual.toLowerCase();
  const b = value.toLowerCase();
  switch (operator) {
    case 'eq':
      return a === b;
    case 'endsWith':
      return a.endsWith(b);
    case 'search':
      return a.split(/[\s._@-]+/).some((word) => word.startsWith(b));
  }
};

const matches = (clause: FilterClause, actual: string | null): boolean => {
  const hit = clause.values.some((v) =>
    v === null || actual === null ? v === actual : compare(clause.operator, actual, v),
  );
  return clause.negated ? !hit : hit;
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
    return { get: getter[1], clause };
  });
  return items.filter((item) => getters.every(({ get, clause }) => matches(clause, get(item))));
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
