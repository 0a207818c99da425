import type { z } from 'zod';
import { BridgeError } from './errors';
import { type BridgeOutcome, BridgeOutcomeSchema } from './wire';

/** One request the renderer can make: the schema of its argument and of its result. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

/** The shape every bridge contract has: requests and events, each grouped by domain. */
export interface ContractShape {
  readonly requests: Readonly<Record<string, Readonly<Record<string, RequestSpec>>>>;
  readonly events: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>>;
}

/** Declares a request with its argument and result schemas. */
export const request = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): RequestSpec<I, O> => ({
  input,
  output,
});

type RequestMethods<R> = {
  readonly [M in keyof R]: R[M] extends RequestSpec<infer I, infer O>
    ? (input: z.input<I>) => Promise<z.output<O>>
    : never;
};

type EventSubscriptions<E> = {
  readonly [K in keyof E & string as `on${Capitalize<K>}`]: E[K] extends z.ZodType
    ? (listener: (payload: z.output<E[K]>) => void) => () => void
    : never;
};

/**
 * The renderer's view of a contract: `api.client.check(input)` for requests and
 * `api.onboarding.onProgress(listener)` for events, which returns its unsubscribe function.
 */
export type BridgeApiOf<C extends ContractShape> = {
  readonly [NS in keyof C['requests'] | keyof C['events']]: (NS extends keyof C['requests']
    ? RequestMethods<C['requests'][NS]>
    : unknown) &
    (NS extends keyof C['events'] ? EventSubscriptions<C['events'][NS]> : unknown);
};

/** What the main process implements for a contract: one function per request, given the parsed input. */
export type BridgeHandlersOf<C extends ContractShape> = {
  readonly [NS in keyof C['requests']]: {
    readonly [M in keyof C['requests'][NS]]: C['requests'][NS][M] extends RequestSpec<infer I, infer O>
      ? (input: z.output<I>) => Promise<z.input<O>>
      : never;
  };
};

/** The payload type of one event of a contract. */
export type EventPayloadOf<
  C extends ContractShape,
  NS extends keyof C['events'],
  E extends keyof C['events'][NS],
> = C['events'][NS][E] extends z.ZodType ? z.input<C['events'][NS][E]> : never;

/** Every request method of a contract as `namespace.method`. */
export const requestNames = (contract: ContractShape): readonly string[] =>
  Object.entries(contract.requests).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));

/** Every event of a contract as `namespace.event`. */
export const eventNames = (contract: ContractShape): readonly string[] =>
  Object.entries(contract.events).flatMap(([ns, events]) => Object.keys(events).map((e) => `${ns}.${e}`));

/** Looks up a request by its `namespace.method` name. */
export const findRequest = (contract: ContractShape, name: string): RequestSpec | undefined => {
  const [ns, method, ...rest] = name.split('.');
  if (ns === undefined || method === undefined || rest.length > 0) return undefined;
  const group = Object.hasOwn(contract.requests, ns) ? contract.requests[ns] : undefined;
  return group !== undefined && Object.hasOwn(group, method) ? group[method] : undefined;
};

/** Looks up an event schema by its `namespace.event` name. */
export const findEvent = (contract: ContractShape, name: string): z.ZodType | undefined => {
  const [ns, event, ...rest] = name.split('.');
  if (ns === undefined || event === undefined || rest.length > 0) return undefined;
  const group = Object.hasOwn(contract.events, ns) ? contract.events[ns] : undefined;
  return group !== undefined && Object.hasOwn(group, event) ? group[event] : undefined;
};

/** How a transport carries one request: resolves with the outcome, or rejects only when the transport fails. */
export type CallTransport = (method: string, payload: unknown) => Promise<unknown>;

/** How a transport delivers one event; returns the unsubscribe function. */
export type SubscribeTransport = (event: string, listener: (payload: unknown) => void) => () => void;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Builds the renderer's domain-shaped API over a transport.
 *
 * Results and event payloads are parsed with the contract's schemas here too, so a main process of another
 * version cannot hand the renderer data of the wrong shape.
 */
export const buildBridgeApi = <C extends ContractShape>(
  contract: C,
  call: CallTransport,
  subscribe: SubscribeTransport,
): BridgeApiOf<C> => {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [ns, methods] of Object.entries(contract.requests)) {
    const group = api[ns] ?? {};
    api[ns] = group;
    for (const [method, spec] of Object.entries(methods)) {
      group[method] = async (input: unknown): Promise<unknown> => {
        const raw = await call(`${ns}.${method}`, input);
        const outcome: BridgeOutcome = BridgeOutcomeSchema.parse(raw);
        if (!outcome.ok) throw new BridgeError(outcome.error);
        return spec.output.parse(outcome.result);
      };
    }
  }
  for (const [ns, events] of Object.entries(contract.events)) {
    const group = api[ns] ?? {};
    api[ns] = group;
    for (const [event, schema] of Object.entries(events)) {
      group[`on${capitalize(event)}`] = (listener: (payload: unknown) => void) =>
        subscribe(`${ns}.${event}`, (payload) => {
          const parsed = schema.safeParse(payload);
          if (parsed.success) listener(parsed.data);
        });
    }
  }
  return api as BridgeApiOf<C>;
};
