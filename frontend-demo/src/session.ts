/**
 * A signed-in session: the token's user, the API client for it, what the server offers,
 * and how to end it. Components read it with `useSession()`.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { capabilitiesFrom, type Capabilities, type CapabilitiesData } from "./api/capabilities";
import { ApiError, createApiClient, type ApiClient } from "./api/client";
import { SIGN_IN_QUERY } from "./api/documents";
import type { Viewer } from "./api/types";

export interface Session {
  token: string;
  viewer: Viewer;
  api: ApiClient;
  caps: Capabilities;
  /** Ends the session (e.g. when the server stops accepting the token), with a message. */
  signOut: (message?: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() outside a signed-in page");
  return session;
}

/**
 * Checks `token` with the server and opens a session for it.
 *
 * @throws ApiError when the server refuses the token or cannot be reached.
 */
export async function openSession(
  token: string, signOut: (message?: string) => void,
): Promise<Session> {
  const api = createApiClient(token);
  try {
    const data = await api.query<{ me: Viewer } & CapabilitiesData>(SIGN_IN_QUERY);
    return { token, viewer: data.me, api, caps: capabilitiesFrom(data), signOut };
  } catch (error) {
    api.dispose();
    throw error instanceof ApiError ? error : new ApiError(String(error));
  }
}

/** What to tell a person whose request failed; signs out when the token was refused. */
export function handleApiError(session: Session, error: unknown): string {
  if (error instanceof ApiError && error.unauthenticated) {
    session.signOut(`Signed out: ${error.message}`);
  }
  return error instanceof Error ? error.message : String(error);
}
