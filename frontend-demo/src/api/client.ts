/**
 * The connection to the JobProcessor API for one signed-in token.
 *
 * Queries and mutations go over HTTP with urql (`Authorization: Bearer …`, POST only: the
 * server refuses GET). Subscriptions go over one WebSocket with graphql-ws (protocol
 * graphql-transport-ws; the token travels in `connection_init` as
 * `{"authorization": "Bearer …"}`), which reconnects by itself after a network hiccup and
 * tells listeners so, because events sent while it was away are lost: whoever keeps a
 * list current must read it again.
 *
 * While the server's database or message broker is unreachable it answers
 * `SERVICE_UNAVAILABLE` (and closes new sockets with 1013, "try again later"): a query is
 * then asked again, backing off like the socket, while the connection indicator says
 * "Reconnecting…"; once it is answered the page carries on by itself. A mutation is not
 * repeated (the user decides), its error says to try again.
 *
 * Each `subscribe` is followed on the socket by a `ping` naming it; the server answers
 * once the subscription listens, and `listening()` is called at that `pong` (again after
 * each reconnection). A list read after it misses no change: read it then.
 */
import { Client, CombinedError, fetchExchange } from "@urql/core";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import type { TypedDocumentString } from "./generated/graphql";

/** A document made by `graphql(...)` in documents.ts, typed by its result and variables. */
export type Document<R, V> = TypedDocumentString<R, V>;

/** How long to wait before the n-th attempt to reconnect: 1 s, 2 s, 4 s … at most 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** The WebSocket close code the server uses when it refuses the token. */
const CLOSE_FORBIDDEN = 4403;

/** The code of the server's answer while its database or broker is unreachable. */
export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

/** Whether a failed request is worth asking again by itself: the server said it is down. */
export function isOutage(error: unknown): boolean {
  return error instanceof ApiError && error.code === SERVICE_UNAVAILABLE;
}

/** A failed request, with the server's message and GraphQL error code when it sent one. */
export class ApiError extends Error {
  readonly code: string | null;

  constructor(message: string, code: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }

  get unauthenticated(): boolean {
    return this.code === "UNAUTHENTICATED";
  }
}

export interface SubscriptionHandlers<T> {
  next(data: T): void;
  error(error: ApiError): void;
  complete?(): void;
  /** The server listens for this subscription: every later change will arrive. */
  listening?(): void;
}

export type Unsubscribe = () => void;

export interface ApiClient {
  query<R, V>(document: Document<R, V>, variables?: V): Promise<R>;
  mutate<R, V>(document: Document<R, V>, variables?: V): Promise<R>;
  subscribe<R, V>(
    document: Document<R, V>,
    variables: V,
    handlers: SubscriptionHandlers<R>,
  ): Unsubscribe;
  /** Called after the WebSocket came back from a lost connection; returns the remover. */
  onReconnected(listener: () => void): Unsubscribe;
  /** Called when the WebSocket is up (`true`) or lost (`false`). */
  onLiveChange(listener: (live: boolean) => void): Unsubscribe;
  dispose(): void;
}

function errorFromCombined(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = first.extensions?.code;
    return new ApiError(first.message, typeof code === "string" ? code : null);
  }
  const status = (error.response as Response | undefined)?.status;
  if (status === 401 || status === 403) {
    return new ApiError("The server refused your token.", "UNAUTHENTICATED");
  }
  return new ApiError(
    "The JobProcessor server cannot be reached. Check that it runs, then press Refresh.",
    "NETWORK",
  );
}

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: { code?: unknown };
}

function errorFromSocket(error: unknown): ApiError {
  if (Array.isArray(error) && error.length > 0) {
    const first = error[0] as GraphQLErrorLike;
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : null;
    return new ApiError(String(first.message ?? "The subscription failed."), code);
  }
  if (isCloseEvent(error)) {
    if (error.code === CLOSE_FORBIDDEN) {
      return new ApiError(error.reason || "The server refused your token.", "UNAUTHENTICATED");
    }
    return new ApiError("The live connection to the server was lost.", "NETWORK");
  }
  return new ApiError(error instanceof Error ? error.message : String(error), "NETWORK");
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && "reason" in value;
}

function webSocketUrl(origin: Location): string {
  const scheme = origin.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${origin.host}/graphql`;
}

/** A client that authenticates every request with `token`. */
export function createApiClient(token: string, origin: Location = window.location): ApiClient {
  const authorization = `Bearer ${token}`;
  const http = new Client({
    url: "/graphql",
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: () => ({ headers: { authorization } }),
  });

  const reconnectListeners = new Set<() => void>();
  const liveListeners = new Set<(live: boolean) => void>();
  /** Subscriptions (by operation id) waiting to hear that the server listens. */
  const listening = new Map<string, () => void>();
  let nextListening: (() => void) | undefined;
  let operations = 0;

  /** The browser's WebSocket, sending a `ping` right after each `subscribe` it carries. */
  class PingingWebSocket extends WebSocket {
    override send(data: Parameters<WebSocket["send"]>[0]): void {
      super.send(data);
      if (typeof data !== "string" || !data.includes('"subscribe"')) return;
      const { id, type } = JSON.parse(data) as { id?: string; type?: string };
      if (type === "subscribe" && id !== undefined && listening.has(id)) {
        super.send(JSON.stringify({ type: "ping", payload: { listening: id } }));
      }
    }
  }

  const ws: WsClient = createWsClient({
    url: webSocketUrl(origin),
    webSocketImpl: PingingWebSocket,
    generateID: () => {
      const id = `op-${++operations}`;
      if (nextListening) listening.set(id, nextListening);
      return id;
    },
    connectionParams: { authorization },
    lazy: true,
    lazyCloseTimeout: 3000,
    // Reconnect for as long as the page is open (the indicator says so meanwhile).
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries + 1))),
    shouldRetry: (event) => !(isCloseEvent(event) && event.code === CLOSE_FORBIDDEN),
    on: {
      connected: (_socket, _payload, wasRetry) => {
        liveListeners.forEach((listener) => listener(true));
        if (wasRetry) reconnectListeners.forEach((listener) => listener());
      },
      closed: () => liveListeners.forEach((listener) => listener(false)),
      pong: (received, payload) => {
        const id = (payload as { listening?: unknown } | undefined)?.listening;
        if (received && typeof id === "string") listening.get(id)?.();
      },
    },
  });

  async function once<R, V>(kind: "query" | "mutation", document: Document<R, V>,
                            variables?: V): Promise<R> {
    const source = document.toString();
    const values = (variables ?? {}) as Record<string, unknown>;
    const result = kind === "query"
      ? await http.query(source, values).toPromise()
      : await http.mutation(source, values).toPromise();
    if (result.error) throw errorFromCombined(result.error);
    return result.data as R;
  }

  let outage = false;

  async function run<R, V>(kind: "query" | "mutation", document: Document<R, V>,
                           variables?: V): Promise<R> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const data = await once(kind, document, variables);
        if (outage) {
          outage = false;
          liveListeners.forEach((listener) => listener(true));
          reconnectListeners.forEach((listener) => listener());
        }
        return data;
      } catch (err) {
        if (!isOutage(err)) throw err;
        if (!outage) {
          outage = true;
          liveListeners.forEach((listener) => listener(false));
        }
        if (kind === "mutation") throw err;
        await new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(attempt)));
      }
    }
  }

  return {
    query: (document, variables) => run("query", document, variables),
    mutate: (document, variables) => run("mutation", document, variables),
    subscribe<R, V>(document: Document<R, V>, variables: V,
                    handlers: SubscriptionHandlers<R>): Unsubscribe {
      let closed = false;
      let operationId: string | undefined;
      nextListening = handlers.listening && (() => {
        if (!closed) handlers.listening?.();
      });
      const before = operations;
      const stop = ws.subscribe<R>({
        query: document.toString(), variables: variables as Record<string, unknown>,
      }, {
        next(result) {
          if (closed) return;
          if (result.errors?.length) {
            closed = true;
            handlers.error(errorFromSocket(result.errors));
            stop();
            return;
          }
          if (result.data) handlers.next(result.data as R);
        },
        error(error) {
          if (closed) return;
          closed = true;
          handlers.error(errorFromSocket(error));
        },
        complete() {
          if (closed) return;
          closed = true;
          handlers.complete?.();
        },
      });
      nextListening = undefined;
      if (operations > before) operationId = `op-${operations}`;
      return () => {
        closed = true;
        if (operationId !== undefined) listening.delete(operationId);
        stop();
      };
    },
    onReconnected(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onLiveChange(listener) {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    dispose() {
      reconnectListeners.clear();
      liveListeners.clear();
      void ws.dispose();
    },
  };
}
