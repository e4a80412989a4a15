// Take a project's model elsewhere: a Glyph model folder zip (what `glyph predict`/`glyph serve`
// load), or straight to a server started with --allow-model-uploads.
import { useState } from 'react';
import type { StoredModel } from './project-types';

const transfer = () => import('./model-transfer');

export function ExportPanel({ model }: { readonly model: StoredModel }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await action(), error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  const download = () =>
    run(async () => {
      (await transfer()).downloadStoredModel(model);
      return `Downloaded ${model.metadata.id}.zip: unzip it and run \`glyph predict --model ${model.metadata.id} …\`.`;
    });
  const upload = (replace: boolean) =>
    run(async () => {
      const answer = await (await transfer()).uploadStoredModel(model, replace);
      return `The server now serves “${answer.model.id}”${answer.replaced ? ' (replacing your earlier upload)' : ''}: pick it in the model list.`;
    });

  return (
    <section className="card" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">Use it elsewhere</h2>
      <p className="muted">
        The model as a Glyph model folder (model.json, weights, metadata.json) that <code>glyph predict</code>
        , <code>glyph eval</code> and <code>glyph serve</code> load unchanged.
      </p>
      <div className="toolbar">
        <button type="button" className="button" disabled={busy} onClick={() => void download()}>
          Download .zip
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void upload(false)}>
          Send to the server
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void upload(true)}>
          Replace my earlier upload
        </button>
      </div>
      {message && (
        <p
          className={message.error ? 'error-text' : undefined}
          role={message.error ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
