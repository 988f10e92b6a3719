/** The sign-in page: paste an API token, or (embedded demo only) pick a demo user. */
import { useEffect, useState } from "preact/hooks";
import { cleanToken, fetchDemoUsers, type DemoUser } from "./session";

interface Props {
  notice: string | null;
  onSignIn: (token: string) => Promise<string | null>;
}

export function SignIn({ notice, onSignIn }: Props) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demoUsers, setDemoUsers] = useState<DemoUser[]>([]);

  useEffect(() => {
    void fetchDemoUsers().then(setDemoUsers);
  }, []);

  async function signIn(raw: string) {
    const cleaned = cleanToken(raw);
    if (!cleaned) {
      setError("Paste your API token first.");
      return;
    }
    setBusy(true);
    setError(await onSignIn(cleaned));
    setBusy(false);
  }

  return (
    <main class="sign-in">
      <h1 class="sign-in__title">JobProcessor</h1>
      <p class="sign-in__lead">Watch and control the background jobs of your workforce management.</p>
      {notice && <p class="notice notice--warning" role="status">{notice}</p>}
      {demoUsers.length > 0 && (
        <section class="sign-in__card" aria-labelledby="demo-title">
          <h2 id="demo-title">Demo users</h2>
          <p class="muted">This server runs the embedded demo: sign in as one of its users.</p>
          <ul class="demo-users">
            {demoUsers.map((user) => (
              <li key={user.username}>
                <button type="button" class="button" disabled={busy}
                        onClick={() => void signIn(user.token)}>
                  {user.username} <span class="muted">({user.role})</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="sign-in__card" aria-labelledby="token-title">
        <h2 id="token-title">Sign in with a token</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void signIn(token);
          }}
        >
          <label class="field__label" for="token">API token</label>
          <input id="token" class="input" type="password" autoComplete="off" value={token}
                 placeholder="jp_…" onInput={(event) => setToken(event.currentTarget.value)} />
          <p class="field__help">
            An administrator gives you one (<code>jobprocessor users create NAME</code> prints it).
            It stays in this browser tab only.
          </p>
          {error && <p class="field__error" role="alert">{error}</p>}
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </section>
    </main>
  );
}
