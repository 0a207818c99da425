import { randomUUID, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { MICROSOFT_GRAPH_RESOURCE } from './catalog/first-party-apps';
import { builtinScenario } from './directory/builtin-scenario';
import { Directory } from './directory/directory';
import type { Scenario } from './directory/scenario';
import { scenarioOf } from './directory/scenario-file';
import { faultResponse } from './graph/fault-responses';
import { createGraphHandler } from './graph/graph-handler';
import { createIdentityHandler } from './identity';
import type { Knobs } from './knobs/knobs';
import { knobsFromScenario } from './knobs/knobs-from-scenario';
import { type RequestHandler, withRealism } from './knobs/realism';
import type { RequestLog } from './knobs/request-log';
import { verifyAccessToken } from './tokens/access-token';
import { createSigningKeys, type SigningKeys } from './tokens/signing-keys';

/** Options of {@link startPracticeTenant}. */
export interface PracticeTenantOptions {
  /** The directory and knobs to serve; the built-in scenario by default. */
  readonly scenario?: Scenario;
  /** Latency added to every request, overriding the scenario's. */
  readonly latencyMs?: number;
  /** Milliseconds since the epoch; `Date.now` by default (tests move time for replication delay and expiry). */
  readonly clock?: () => number;
  /**
   * The TLS key and certificate (PEM) to serve, made fresh at each start by default. A test run that starts many
   * practice tenants passes one, so a sign-in browser that trusts it by its key can serve all of them.
   */
  readonly tls?: PracticeTls;
}

/** A practice tenant's TLS key and certificate, PEM. */
export interface PracticeTls {
  readonly key: string;
  readonly cert: string;
}

/** The line `npm run practice-tenant` prints: where the practice tenant is and what it holds. */
export interface PracticeTenantSummary {
  readonly authority: string;
  readonly graph: string;
  readonly certificate: string;
  readonly tenants: readonly { id: string; displayName: string; domains: readonly string[] }[];
  readonly accounts: readonly { upn: string; password: string; tenantId: string; description: string }[];
  readonly apps: readonly { appId: string; displayName: string; role: 'sign-in' | 'target' }[];
}

/** A running practice tenant: an authority host and a Graph host on 127.0.0.1 over HTTPS. */
export interface PracticeTenant {
  /** Origin standing in for https://login.microsoftonline.com. */
  readonly authority: string;
  /** Origin standing in for https://graph.microsoft.com. */
  readonly graph: string;
  /** The self-signed certificate (PEM) both hosts serve; trust it for these origins only. */
  readonly certificate: string;
  /** SHA-256 fingerprint of the certificate (colon-separated hex, as Node's `fingerprint256`). */
  readonly certificateFingerprint256: string;
  readonly directory: Directory;
  readonly knobs: Knobs;
  readonly keys: SigningKeys;
  readonly requestLog: RequestLog;
  /** The JSON line of `npm run practice-tenant`. */
  summary(): PracticeTenantSummary;
  /** The current state as a scenario, to save and load later. */
  scenario(): Scenario;
  close(): Promise<void>;
}

const listen = (server: Server): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`https://127.0.0.1:${port}`);
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A certificate for 127.0.0.1 and localhost, made at each start (EC P-256 keeps start-up fast). */
export const createCertificate = async (now: Date): Promise<PracticeTls> => {
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Pia Onboarding practice tenant' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
};

// Both hosts are created before their handlers, which need the origins the servers listen on.
const notReady: RequestHandler = async (_req, res) => {
  res.statusCode = 503;
  res.setHeader('Retry-After', '1');
  res.end();
};

/** Starts a practice tenant with a fresh certificate, signing keys and in-memory directory. */
export const startPracticeTenant = async (options: PracticeTenantOptions = {}): Promise<PracticeTenant> => {
  const clock = options.clock ?? Date.now;
  const scenario = options.scenario ?? builtinScenario();
  const knobs = knobsFromScenario(
    scenario,
    options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs },
  );
  const directory = new Directory(scenario, {
    clock,
    replicationDelayMs: (tenantId) => knobs.tenant(tenantId).replicationDelaySeconds * 1000,
  });
  const [keys, tls] = await Promise.all([
    createSigningKeys(),
    options.tls ?? createCertificate(new Date(clock())),
  ]);

  let authorityHandler: RequestHandler = notReady;
  let graphHandler: RequestHandler = notReady;
  const batchCounts = new WeakMap<IncomingMessage, number>();
  const onError = (error: unknown) => console.error('Practice tenant request failed:', error);

  const authorityServer = createServer(tls, (req, res) => void authorityRealism(req, res));
  const graphServer = createServer(tls, (req, res) => void graphRealism(req, res));
  const authorityRealism = withRealism((req, res) => authorityHandler(req, res), {
    host: 'authority',
    knobs,
    clock,
    faultPath: (path) => path,
    onError,
    // OAuth 2.0's `temporarily_unavailable`, which the token endpoint uses for throttling and outages.
    answerFault: (fault, _req, res: ServerResponse) => {
      res.statusCode = fault.kind === 'throttle' ? 429 : 503;
      res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(
        JSON.stringify({
          error: 'temporarily_unavailable',
          error_description: 'The server is temporarily too busy to handle the request. Please retry later.',
        }),
      );
    },
  });
  const graphRealism = withRealism((req, res) => graphHandler(req, res), {
    host: 'graph',
    knobs,
    clock,
    faultPath: (path) => path.replace(/^\/v1\.0(?=\/|$)/i, '') || '/',
    batchItemCount: (req) => batchCounts.get(req),
    onError,
    answerFault: (fault, req, res) => {
      const requestId = randomUUID();
      const clientRequestId = (req.headers['client-request-id'] as string | undefined) ?? requestId;
      const answer = faultResponse(
        fault,
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: {}, requestId, clientRequestId },
        clock(),
      );
      res.statusCode = answer.status;
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.setHeader('request-id', requestId);
      res.setHeader('client-request-id', clientRequestId);
      res.end(JSON.stringify(answer.body));
    },
  });

  const [authority, graph] = await Promise.all([listen(authorityServer), listen(graphServer)]);

  graphHandler = createGraphHandler(
    {
      directory,
      knobs,
      clock,
      origin: graph,
      authorityOrigin: authority,
      verify: (token) => verifyAccessToken(keys, token, { audience: MICROSOFT_GRAPH_RESOURCE, now: clock() }),
    },
    { onBatch: (req, count) => batchCounts.set(req, count) },
  );
  authorityHandler = createIdentityHandler({
    directory,
    keys,
    knobs,
    clock,
    authorityOrigin: authority,
    graphOrigin: graph,
  });

  const summary = (): PracticeTenantSummary => ({
    authority,
    graph,
    certificate: tls.cert,
    tenants: directory.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domains: t.domains.map((d) => d.id),
    })),
    accounts: directory.tenants.flatMap((t) =>
      t.users.map((u) => ({
        upn: u.userPrincipalName,
        password: u.password,
        tenantId: t.id,
        description: u.description,
      })),
    ),
    apps: directory.applications.flatMap((app) =>
      app.role === 'first-party' ? [] : [{ appId: app.appId, displayName: app.displayName, role: app.role }],
    ),
  });

  return {
    authority,
    graph,
    certificate: tls.cert,
    certificateFingerprint256: new X509Certificate(tls.cert).fingerprint256,
    directory,
    knobs,
    keys,
    requestLog: knobs.requestLog,
    summary,
    scenario: () => scenarioOf(directory, knobs),
    close: async () => {
      await Promise.all([close(authorityServer), close(graphServer)]);
    },
  };
};
