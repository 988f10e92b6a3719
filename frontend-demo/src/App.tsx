/** Signed in or not: the sign-in page, or the overview for the session's user. */
import { useEffect, useRef, useState } from "preact/hooks";
import { clearToken, loadToken, saveToken } from "./auth/session";
import { SignIn } from "./auth/SignIn";
import { openSession, SessionContext, type Session } from "./session";
import { Shell } from "./Shell";

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [booting, setBooting] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<Session | null>(null);

  function signOut(message?: string) {
    current.current?.api.dispose();
    current.current = null;
    clearToken();
    setSession(null);
    setNotice(message ?? null);
  }

  async function signIn(token: string): Promise<string | null> {
    try {
      const opened = await openSession(token, signOut);
      saveToken(token);
      current.current = opened;
      setNotice(null);
      setSession(opened);
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
