/**
 * The signed-in token, kept in sessionStorage: it survives a reload of the tab but not
 * closing it, and other tabs sign in on their own.
 *
 * In the embedded demo the server offers the demo users' tokens at `/demo-tokens` (only
 * there, and only to this machine), so a visitor can pick a user instead of pasting one.
 */

const TOKEN_KEY = "jobprocessor.token";

export function loadToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: sign in again on every load
  }
}

export function saveToken(token: string): void {
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage disabled: the session lasts until the page reloads.
  }
}

export function clearToken(): void {
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored.
  }
}

export interface DemoUser {
  username: string;
  role: string;
  token: string;
}

function isDemoUser(value: unknown): value is DemoUser {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.username === "string" && typeof entry.role === "string"
    && typeof entry.token === "string";
}

/** The demo users this server offers (none outside the embedded demo). */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  try {
    const response = await fetch("/demo-tokens", { headers: { accept: "application/json" } });
    if (!response.ok) return [];
    const body: unknown = await response.json();
    return Array.isArray(body) ? body.filter(isDemoUser) : [];
  } catch {
    return [];
  }
}

/** The token out of what a person pasted: a bare token or a whole `Bearer …` header. */
export function cleanToken(raw: string): string {
  return raw.trim().replace(/^authorization:\s*/i, "").replace(/^bearer\s+/i, "").trim();
}
