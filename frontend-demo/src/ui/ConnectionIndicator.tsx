/**
 * Whether live updates arrive: "Live" while the WebSocket is up, "Reconnecting…" (in the
 * warning colour, with what it means) while it is down. The client reconnects by itself,
 * backing off up to 30 s between tries; once back, the page reads its jobs again.
 */
import { useEffect, useState } from "preact/hooks";
import type { ApiClient } from "../api/client";

type State = "connecting" | "live" | "lost";

export function ConnectionIndicator({ api }: { api: ApiClient }) {
  const [state, setState] = useState<State>("connecting");
  useEffect(() => api.onLiveChange((live) => setState((current) => (
    live ? "live" : current === "connecting" ? "connecting" : "lost"))), [api]);
  const words: Record<State, [string, string]> = {
    connecting: ["Connecting…", "Opening the live connection to the server"],
    live: ["Live", "Updates arrive as they happen"],
    lost: ["Reconnecting…", "The live connection was lost: the page shows what it last heard and reconnects by itself"],
  };
  const [text, help] = words[state];
  return (
    <span class={`live live--${state}${state === "live" ? " live--on" : ""}`} role="status" title={help}>
      <span class="live__dot" aria-hidden="true" />
      {text}
      <span class="visually-hidden">: {help}</span>
    </span>
  );
}
