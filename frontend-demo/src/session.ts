/**
 * A signed-in session: the token's user, the API client for it, and how to end it or
 * follow a change of rights. Components read it with `useSession()`.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiError, createApiClient, type ApiClient } from "./api/client";
import { ME_QUERY } from "./api/documents";
import type { Viewer } from "./api/model";

export interface Session {
  token: string;
  viewer: Viewer;
  api: ApiClient;
  /**
   * Grows each time the viewer's rights changed while signed in: whatever shows what the
   * rights allow (job types, users, jobs, live streams) reads it again.
   */
  rightsVersion: number;
  /**
   * The server said the viewer's rights changed (a live stream ended with
   * `RIGHTS_CHANGED`): read who they are again, then refresh everything.
   */
  rightsChanged: () => void;
  /** Ends the session (e.g. when the server stops accepting the token), with a message. */
  signOut: (message?: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() outside a signed-in page");
  return session;
}

/** Who `api`'s token belongs to. */
export async function readViewer(api: ApiClient): Promise<Viewer> {
  return (await api.query(ME_QUERY)).me;
}

/**
 * Checks `token` with the server and opens a client for it.
 *
 * @throws ApiError when the server refuses the token or cannot be reached.
 */
export async function openClient(token: string): Promise<{ api: ApiClient; viewer: Viewer }> {
  const api = createApiClient(token);
  try {
    return { api, viewer: await readViewer(api) };
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
