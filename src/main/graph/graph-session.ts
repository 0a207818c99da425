import {
  AuthenticationHandler,
  type AuthenticationProvider,
  Client,
  type Context,
  type Middleware,
  RedirectHandler,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { HttpFetch } from '../net/http-client';
import { type BatchItem, BatchResponseSchema, type SendBatch } from './batch';
import { parseAnswer } from './unexpected-answer';

/** Where and how a run talks to Microsoft Graph. */
export interface GraphSessionOptions {
  /** The cloud's Graph service root: https://graph.microsoft.com, or the practice tenant's. */
  readonly graphOrigin: string;
  readonly fetch: HttpFetch;
  /** The current access token (refreshed silently by msal-node when it nears expiry). */
  readonly getAccessToken: () => Promise<string>;
  /** Retries of a whole request the Graph SDK's RetryHandler makes on 429, 503 and 504. */
  readonly maxRetries?: number;
  /** How long one HTTP request may take before it is abandoned as a network failure (60 s by default). */
  readonly requestTimeoutMs?: number;
  /** Called with each request's method, URL and status, for the run's request count (never with headers). */
  readonly onRequest?: (method: string, url: string, status: number) => void;
}

/** Microsoft Graph for one run: the Graph SDK client and the `$batch` sender built on it. */
export interface GraphSession {
  readonly client: Client;
  /** Sends one `$batch` (at most 20 items) through the SDK, with its RetryHandler. */
  readonly sendBatch: SendBatch;
  /** Reads one `@odata.nextLink` page. */
  readonly fetchPage: (nextLink: string) => Promise<unknown>;
}

/**
 * The last link of the Graph SDK's middleware chain: sends the request with the run's own `fetch`, so the practice
 * tenant's certificate is trusted for this client only (the SDK's default handler uses the global `fetch`).
 */
class RunFetchHandler implements Middleware {
  constructor(
    private readonly send: HttpFetch,
    private readonly onRequest: GraphSessionOptions['onRequest'],
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    const headers: Record<string, string> = {};
    new Headers(options.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
      headers[name] = value;
    });
    const method = options.method ?? 'GET';
    const response = await this.send(url, {
      method,
      headers,
      body: typeof options.body === 'string' ? options.body : undefined,
      // A request that hangs (a proxy holding the connection) ends as a network failure the run can resume from.
      signal:
        options.signal === undefined || options.signal === null
          ? AbortSignal.timeout(this.timeoutMs)
          : AbortSignal.any([options.signal, AbortSignal.timeout(this.timeoutMs)]),
    });
    this.onRequest?.(method, url, response.status);
    context.response = response;
  }
}

/** Creates the Graph session of a run: the SDK client with its default middleware order and RetryHandler on. */
export const createGraphSession = (options: GraphSessionOptions): GraphSession => {
  const authProvider: AuthenticationProvider = { getAccessToken: options.getAccessToken };
  const chain: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions(3, options.maxRetries ?? 3)),
    new RedirectHandler(),
    new TelemetryHandler(),
    new RunFetchHandler(options.fetch, options.onRequest, options.requestTimeoutMs ?? 60_000),
  ];
  for (let i = 0; i < chain.length - 1; i += 1) chain[i]?.setNext?.(chain[i + 1] as Middleware);
  const client = Client.initWithMiddleware({
    middleware: chain[0],
    baseUrl: options.graphOrigin,
    defaultVersion: 'v1.0',
    // The SDK sends the token only to hosts it knows as Graph; the practice tenant's loopback host is one more.
    customHosts: new Set([new URL(options.graphOrigin).hostname]),
  });

  const sendBatch: SendBatch = async (items: readonly BatchItem[]) => {
    const raw = (await client
      .api('/$batch')
      .responseType(ResponseType.RAW)
      .post({
        requests: items.map((item) => ({
          id: item.id,
          method: item.method,
          url: item.url,
          ...(item.body === undefined && item.headers === undefined
            ? {}
            : {
                ...(item.body === undefined ? {} : { body: item.body }),
                headers: {
                  ...item.headers,
                  ...(item.body === undefined ? {} : { 'Content-Type': 'application/json' }),
                },
              }),
          ...(item.dependsOn === undefined ? {} : { dependsOn: item.dependsOn }),
        })),
      })) as Response;
    const requestId = raw.headers.get('request-id');
    if (!raw.ok) throw await batchError(raw);
    return {
      responses: parseAnswer(BatchResponseSchema, await raw.json(), '$batch', requestId).responses,
      requestId,
    };
  };

  return {
    client,
    sendBatch,
    fetchPage: (nextLink) => client.api(nextLink).get(),
  };
};

/** A `$batch` request refused as a whole (after the RetryHandler gave up): the Graph error, with its status. */
export class GraphBatchError extends Error {
  override readonly name = 'GraphBatchError';
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(`Microsoft Graph refused the $batch request with status ${statusCode}.`);
  }
}

const batchError = async (raw: Response): Promise<GraphBatchError> => {
  const headers: Record<string, string> = {};
  raw.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await raw.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): keep the text.
  }
  return new GraphBatchError(raw.status, body, headers);
};
