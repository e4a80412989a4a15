// Where the user enters the server's API key (needed for feedback, review and uploads when the
// server was started with --api-keys). Stored in this browser only.
import { useState } from 'react';
import { loadApiKey, saveApiKey } from '../api/api-key';

export function ApiKeyField() {
  const [key, setKey] = useState(loadApiKey);
  const [saved, setSaved] = useState(false);
  return (
    <section className="card settings-card" aria-labelledby="api-key-title">
      <h2 id="api-key-title">Server key</h2>
      <p className="muted">
        A server started with <code>--api-keys</code> asks for a key to store feedback, review it and upload
        models. It is kept in this browser only and sent to this server only.
      </p>
      <form
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          saveApiKey(key);
          setSaved(true);
        }}
      >
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(event) => {
            setKey(event.target.value);
            setSaved(false);
          }}
        />
        <button type="submit" className="button">
          Save key
        </button>
        <span role="status">{saved && (key.trim() ? 'Key saved.' : 'Key removed.')}</span>
      </form>
    </section>
  );
}
