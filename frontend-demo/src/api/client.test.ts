import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, isOutage, SERVICE_UNAVAILABLE } from "./client";
import { CANCEL_JOBS_MUTATION, ME_QUERY } from "./documents";

const OUTAGE = {
  errors: [{ message: "The job database or the message broker is unreachable; try again in a moment.",
             extensions: { code: SERVICE_UNAVAILABLE } }],
};
const ME = { data: { me: { id: "1", username: "ann", name: "Ann", role: "admin" } } };

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("the API client during an outage of the server's database", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // graphql-ws wants a WebSocket implementation (a class with the ready-state constants,
    // which the client extends to ping after each subscribe); these tests never open one.
    vi.stubGlobal("WebSocket", class {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("asks a query again until the server answers, saying Reconnecting meanwhile", async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(answer(503, OUTAGE))
      .mockResolvedValueOnce(answer(503, OUTAGE))
      .mockResolvedValueOnce(answer(200, ME));
    vi.stubGlobal("fetch", fetch);
    const api = createApiClient("jp_token", { protocol: "http:", host: "localhost" } as Location);
    const live: boolean[] = [];
    const reconnected = vi.fn();
    api.onLiveChange((state) => live.push(state));
    api.onReconnected(reconnected);

    const me = api.query(ME_QUERY);
    await vi.runAllTimersAsync();

    await expect(me).resolves.toEqual(ME.data);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(live).toEqual([false, true]);
    expect(reconnected).toHaveBeenCalledTimes(1);
    api.dispose();
  });

  it("does not repeat a mutation: its error says the server is unavailable", async () => {
    const fetch = vi.fn().mockImplementation(async () => answer(503, OUTAGE));
    vi.stubGlobal("fetch", fetch);
    const api = createApiClient("jp_token", { protocol: "http:", host: "localhost" } as Location);

    const failed = api.mutate(CANCEL_JOBS_MUTATION, { ids: ["1"], onlyIfNotStarted: false })
      .catch((err: unknown) => err);

    const error = await failed;
    expect(isOutage(error)).toBe(true);
    expect((error as ApiError).message).toContain("try again in a moment");
    expect(fetch).toHaveBeenCalledTimes(1);
    api.dispose();
  });
});
