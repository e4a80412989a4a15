// The server's API key, when it asks for one (`glyph serve --api-keys`): kept in this browser's
// localStorage and sent with every request to a route that needs it.
const storageKey = 'glyph.apiKey';

export function loadApiKey(): string {
  try {
    return localStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}

export function saveApiKey(key: string): void {
  try {
    if (key.trim()) localStorage.setItem(storageKey, key.trim());
    else localStorage.removeItem(storageKey);
  } catch {
    // Private windows may refuse storage: the key then lasts only until reload.
  }
}

/** `Authorization: Bearer <key>` when a key is set; nothing otherwise. */
export function authHeaders(): Record<string, string> {
  const key = loadApiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Adds the key to a request's headers. */
export function withApiKey(init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...authHeaders() } };
}
