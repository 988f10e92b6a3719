/** Signed in or not: the sign-in page, or the overview for the session's user. */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api/client";
import { clearToken, loadToken, saveToken } from "./auth/session";
import { SignIn } from "./auth/SignIn";
import { openClient, readViewer, SessionContext, type Session } from "./session";
import { Shell } from "./Shell";

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [booting, setBooting] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<Session | null>(null);
  /** A re-read of the viewer after a change of rights is under way (several streams may say so). */
  const rereading = useRef(false);

  function show(next: Session | null) {
    current.current = next;
    setSession(next);
  }

  function signOut(message?: string) {
    current.current?.api.dispose();
    clearToken();
    show(null);
    setNotice(message ?? null);
  }

  function rightsChanged() {
    const before = current.current;
    if (!before || rereading.current) return;
    rereading.current = true;
    readViewer(before.api).then(
      (viewer) => {
        if (current.current === before) {
          show({ ...before, viewer, rightsVersion: before.rightsVersion + 1 });
        }
      },
      (error: unknown) => {
        if (current.current !== before) return;
        if (error instanceof ApiError && error.unauthenticated) {
          signOut(`Signed out: ${error.message}`);
        } else {
          // Refresh with the viewer known so far; what fails to load says so itself.
          show({ ...before, rightsVersion: before.rightsVersion + 1 });
        }
      },
    ).finally(() => {
      rereading.current = false;
    });
  }

  async function signIn(token: string): Promise<string | null> {
    try {
      const { api, viewer } = await openClient(token);
      saveToken(token);
      setNotice(null);
      show({ token, viewer, api, rightsVersion: 0, rightsChanged, signOut });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  useEffect(() => {
    const token = loadToken();
    if (!token) {
      setBooting(false);
      return;
    }
    void signIn(token).then((problem) => {
      if (problem) {
        clearToken();
        setNotice(`Please sign in again: ${problem}`);
      }
      setBooting(false);
    });
  }, []);

  if (booting) return <p class="booting">Loading JobProcessor…</p>;
  if (!session) return <SignIn notice={notice} onSignIn={signIn} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
