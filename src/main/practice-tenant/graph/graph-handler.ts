import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { DirectoryError } from '../directory/directory-error';
import { authenticate } from './caller';
import { faultResponse } from './fault-responses';
import type { GraphDeps } from './graph-deps';
import { badRequest, errorResponse, GraphFailure } from './graph-error';
import { GRAPH_JSON_CONTENT_TYPE, type GraphRequest, type GraphResponse } from './graph-exchange';
import { dispatch } from './routes';

/** Graph's limit of requests in one `$batch`: https://learn.microsoft.com/graph/json-batching */
export const MAX_BATCH_REQUESTS = 20;

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Splits a request URL (relative to `/v1.0`) into path and query. */
const resolve = (deps: GraphDeps, url: string): { path: string; search: URLSearchParams; absolute: URL } => {
  // Batch items may repeat the version (the Graph SDK's BatchRequestContent strips only scheme and host).
  const relative = (url.startsWith('/') ? url : `/${url}`).replace(/^\/v1\.0(?=\/|\?|$)/i, '');
  const absolute = new URL(`${deps.origin}/v1.0${relative}`);
  const path = decodeURIComponent(absolute.pathname.slice('/v1.0'.length)).replace(/\/+$/, '') || '/';
  return { path, search: absolute.searchParams, absolute };
};

const toResponse = (error: unknown, request: GraphRequest, now: number): GraphResponse => {
  if (error instanceof GraphFailure) return errorResponse(error, request, now);
  if (error instanceof DirectoryError) {
    const status = error.code === 'not-found' ? 404 : error.code === 'conflict' ? 409 : 400;
    return errorResponse(new GraphFailure(status, 'Request_BadRequest', error.message), request, now);
  }
  throw error;
};

/**
 * Answers one Graph request (a top-level request other than `$batch`, or one item of a batch) without sockets:
 * authentication, routing, authorization, OData options and the change in the directory.
 */
export const handleGraphRequest = async (deps: GraphDeps, request: GraphRequest): Promise<GraphResponse> => {
  try {
    const caller = await authenticate(deps, request);
    const { path, search, absolute } = resolve(deps, request.url);
    return dispatch(deps, request, caller, path, search, absolute);
  } catch (error) {
    return toResponse(error, request, deps.clock());
  }
};

const BatchItemSchema = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});

const BatchSchema = z.object({ requests: z.array(BatchItemSchema) });

/** One answer inside a `$batch` response. */
export interface BatchItemResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

const lowerKeys = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/** Methods whose batch item must carry a body and a `Content-Type` header (Graph refuses the batch otherwise). */
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

/**
 * Whether the batch's `dependsOn` has one of the three shapes Graph runs: parallel (no request depends on another),
 * serial (each depends on the one before it) or "same" (every dependent names the same one request, which depends
 * on nothing). Any other shape Graph refuses with 400 "Batch should be either fully sequential or fully parallel"
 * (https://learn.microsoft.com/graph/json-batching: "Batch should be either fully sequential or fully parallel";
 * the message as Graph returns it is quoted in microsoftgraph/microsoft-graph-docs-contrib#2339, where Microsoft
 * corrected the docs' mixed example). The Graph JavaScript client's `BatchRequestContent.validateDependencies`
 * checks the same three patterns. Ids compare case-insensitively, as elsewhere in a batch.
 */
const dependencyShapeAccepted = (items: readonly z.infer<typeof BatchItemSchema>[]): boolean => {
  const deps = items.map((item) => (item.dependsOn ?? []).map((d) => d.toLowerCase()));
  const ids = items.map((item) => item.id.toLowerCase());
  if (deps.every((d) => d.length === 0)) return true;
  const serial = deps.every((d, n) => (n === 0 ? d.length === 0 : d.length === 1 && d[0] === ids[n - 1]));
  if (serial) return true;
  const root = deps.findIndex((d) => d.length === 0);
  return root !== -1 && deps.every((d, n) => (n === root ? true : d.length === 1 && d[0] === ids[root]));
};

/**
 * Why Graph refuses a batch as a whole (400), or undefined when it accepts it. Messages are those Graph sends; only
 * the rules are in its docs (https://learn.microsoft.com/graph/json-batching): at most 20 requests, ids unique
 * (case-insensitive), a body comes with a `Content-Type` header, and `dependsOn` names an earlier request (the
 * OData JSON batch format, which Graph implements, and Graph answers a forward or unknown id the same way).
 */
const batchRefusal = (items: readonly z.infer<typeof BatchItemSchema>[]): string | undefined => {
  if (items.length > MAX_BATCH_REQUESTS) return 'Number of requests inside batch exceed the limit.';
  const earlier = new Set<string>();
  for (const item of items) {
    const id = item.id.toLowerCase();
    if (earlier.has(id)) return `Request Id ${item.id} has to be unique in a batch.`;
    if ((item.dependsOn ?? []).some((dependency) => !earlier.has(dependency.toLowerCase()))) {
      return `Invalid dependency for request Id ${item.id}.`;
    }
    const hasContentType = Object.keys(item.headers ?? {}).some(
      (name) => name.toLowerCase() === 'content-type',
    );
    if (WRITE_METHODS.has(item.method.toUpperCase()) && (item.body === undefined || !hasContentType)) {
      return `Write request id : ${item.id} does not contain Content-Type header or body.`;
    }
    if (/^\/?\$batch/i.test(item.url)) return 'Nested batch requests are not supported.';
    earlier.add(id);
  }
  if (!dependencyShapeAccepted(items)) return 'Batch should be either fully sequential or fully parallel.';
  return undefined;
};

/**
 * Answers `POST /$batch`: at most 20 requests, run in order (each `dependsOn` names an earlier one); an item whose
 * dependency failed gets 424 Failed Dependency; knobs may throttle single items (429 with `Retry-After` inside a
 * 200 batch response), as Graph does: https://learn.microsoft.com/graph/json-batching
 */
export const handleBatch = async (
  deps: GraphDeps,
  request: GraphRequest,
): Promise<{ response: GraphResponse; itemCount: number }> => {
  const parsed = BatchSchema.safeParse(request.body);
  const fail = (message: string) => ({
    response: errorResponse(badRequest(message, 'BadRequest'), request, deps.clock()),
    itemCount: parsed.success ? parsed.data.requests.length : 0,
  });
  if (!parsed.success) return fail('Invalid batch payload format.');
  const items = parsed.data.requests;
  const refusal = batchRefusal(items);
  if (refusal !== undefined) return fail(refusal);

  // Authentication applies to the whole batch first, as Graph answers 401 for the envelope.
  try {
    await authenticate(deps, request);
  } catch (error) {
    return { response: toResponse(error, request, deps.clock()), itemCount: items.length };
  }

  const results = new Map<string, BatchItemResponse>();
  for (const item of items) {
    const itemRequest: GraphRequest = {
      method: item.method.toUpperCase(),
      url: item.url,
      headers: { ...lowerKeys(item.headers ?? {}), authorization: request.headers.authorization },
      body: item.body,
      requestId: request.requestId,
      clientRequestId: request.clientRequestId,
    };
    const failedDependency = (item.dependsOn ?? []).some(
      (d) => (results.get(d.toLowerCase())?.status ?? 0) >= 400,
    );
    let answer: GraphResponse;
    if (failedDependency) {
      // "If an individual request fails, any request that depends on that request fails with status code 424
      // (Failed Dependency)." The body's wording is not documented.
      answer = errorResponse(
        new GraphFailure(424, 'FailedDependency', 'The request depends on a request that failed.'),
        itemRequest,
        deps.clock(),
      );
    } else {
      const path = resolve(deps, item.url).path;
      const fault = deps.knobs.takeFault('graph', itemRequest.method, path);
      answer =
        fault === undefined
          ? await handleGraphRequest(deps, itemRequest)
          : faultResponse(fault, itemRequest, deps.clock());
    }
    results.set(item.id.toLowerCase(), {
      id: item.id,
      status: answer.status,
      headers: answer.headers,
      ...(answer.body === undefined ? {} : { body: answer.body }),
    });
  }
  return {
    response: {
      status: 200,
      headers: { 'Content-Type': GRAPH_JSON_CONTENT_TYPE },
      body: { responses: items.map((item) => results.get(item.id.toLowerCase())) },
    },
    itemCount: items.length,
  };
};

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GraphFailure(413, 'Request_EntityTooLarge', 'The request is too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Options of the HTTP adapter of the practice Graph. */
export interface GraphHandlerOptions {
  /** Called with the number of items of each `$batch`, for the request log. */
  readonly onBatch?: (req: IncomingMessage, itemCount: number) => void;
}

/**
 * The practice Graph as a Node request handler: paths below `/v1.0` as graph.microsoft.com serves them, with
 * `request-id` and `client-request-id` on every response.
 */
export const createGraphHandler =
  (deps: GraphDeps, options: GraphHandlerOptions = {}) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const clientRequestId = headerValue(req.headers['client-request-id']) ?? requestId;
    const url = req.url ?? '/';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, headerValue(v)]));
    const base: GraphRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      url: url.replace(/^\/v1\.0(?=\/|$|\?)/i, ''),
      headers,
      requestId,
      clientRequestId,
    };

    let response: GraphResponse;
    try {
      if (!/^\/v1\.0(\/|$|\?)/i.test(url)) {
        const version = url.split(/[/?]/)[1] ?? '';
        throw badRequest(`Invalid version: ${version}`, 'BadRequest');
      }
      const raw = await readBody(req);
      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw badRequest(
            'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
            'BadRequest',
          );
        }
      }
      const request: GraphRequest = { ...base, body };
      if (/^\/\$batch\/?(\?|$)/i.test(request.url)) {
        if (request.method !== 'POST')
          throw new GraphFailure(405, 'Request_BadRequest', 'Batch requests must use POST.');
        const batch = await handleBatch(deps, request);
        options.onBatch?.(req, batch.itemCount);
        response = batch.response;
      } else {
        response = await handleGraphRequest(deps, request);
      }
    } catch (error) {
      response = toResponse(error, base, deps.clock());
    }

    res.statusCode = response.status;
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    res.setHeader('request-id', requestId);
    res.setHeader('client-request-id', clientRequestId);
    res.setHeader(
      'x-ms-ags-diagnostic',
      JSON.stringify({ ServerInfo: { DataCenter: 'Practice', Slice: 'E' } }),
    );
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  };
