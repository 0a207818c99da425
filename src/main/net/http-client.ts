import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, type Dispatcher, fetch as undiciFetch } from 'undici';

/** A `fetch` bound to one connection pool: the same in Node and in Electron's main process. */
export type HttpFetch = (url: string, init?: HttpRequestInit) => Promise<Response>;

/** The parts of a request the engine sends. */
export interface HttpRequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** An HTTP client for one cloud: Microsoft's clouds trust the system's CAs, the practice tenant its own certificate. */
export interface HttpClient {
  readonly fetch: HttpFetch;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/**
 * Creates the HTTP client of a run. With `trustedCertificate` (the practice tenant's PEM) the client trusts that
 * certificate and nothing else, for every host: it is only ever pointed at the practice tenant's loopback origins.
 * TLS verification is never turned off.
 *
 * undici's own `fetch` is used rather than the global one so the dispatcher and its CA list are honoured the same
 * way under Node 20 and Electron's newer Node.
 */
export const createHttpClient = (
  options: { readonly trustedCertificate?: string | undefined; readonly requestTimeoutMs?: number } = {},
): HttpClient => {
  const dispatcher: Dispatcher =
    options.trustedCertificate === undefined
      ? new Agent()
      : new Agent({ connect: { ca: options.trustedCertificate } });
  return {
    fetch: async (url, init = {}) =>
      (await undiciFetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        // Every request has a deadline: the caller's signal, or the client's own timeout.
        signal: init.signal ?? AbortSignal.timeout(options.requestTimeoutMs ?? 60_000),
        dispatcher,
      })) as unknown as Response,
    close: () => dispatcher.close(),
  };
};

/**
 * msal-node's network module on top of a run's HTTP client, so sign-in and token requests trust exactly what the
 * run's Graph requests trust.
 */
export const msalNetworkClient = (http: HttpClient): INetworkModule => {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await http.fetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = await response.text();
    return { headers, body: (text === '' ? {} : JSON.parse(text)) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
};
