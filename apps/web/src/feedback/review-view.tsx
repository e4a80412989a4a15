// Cleaning the collected data: feedback sorted by loss (most suspicious first), relabel and delete
// kept on the server and undoable, filters, keyboard shortcuts; and a training folder's top losses.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error';
import {
  deleteSample,
  listOperations,
  listReview,
  listReviewFolder,
  relabelSample,
  undoOperation,
  type FeedbackOperation,
  type ReviewListing,
  type ReviewSample,
} from '../api/review-api';
import { useModels } from '../models/use-models';
import { ReviewList } from './review-list';
import { shortcutHelp, useReviewShortcuts } from './use-review-shortcuts';
import './review.css';

type Source = 'feedback' | 'folder';

interface Filters {
  readonly model: string;
  readonly label: string;
  /** `YYYY-MM-DD` in local time, as date inputs give it; '' for none. */
  readonly from: string;
  readonly to: string;
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; listing: ReviewListing; folder?: string };

const pageSize = 100;
const noFilters: Filters = { model: '', label: '', from: '', to: '' };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function describe(operation: FeedbackOperation, undone = false): string {
  const what =
    operation.kind === 'relabel'
      ? `Relabelled “${operation.from.label}” → “${operation.to?.label}”`
      : `Deleted a “${operation.from.label}” sample`;
  return undone ? `Undone: ${what.charAt(0).toLowerCase()}${what.slice(1)}.` : `${what}.`;
}

export function ReviewView() {
  const { models } = useModels();
  const [source, setSource] = useState<Source>('feedback');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState(0);
  const [undoable, setUndoable] = useState<readonly FeedbackOperation[]>([]);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [folderAvailable, setFolderAvailable] = useState(false);

  const labelsByModel = useMemo(
    () => new Map(models?.map((model) => [model.id, model.labels]) ?? []),
    [models],
  );
  const folderModel = filters.model || models?.[0]?.id || '';

  const refreshUndo = useCallback(async () => {
    const operations = await listOperations(20).catch(() => []);
    setUndoable(operations.filter((operation) => operation.state === 'applied'));
  }, []);

  useEffect(() => {
    void refreshUndo();
  }, [refreshUndo]);

  useEffect(() => {
    if (!folderModel) return;
    listReviewFolder(folderModel, 1).then(
      () => setFolderAvailable(true),
      () => setFolderAvailable(false),
    );
  }, [folderModel]);

  useEffect(() => {
    let live = true;
    const request =
      source === 'folder'
        ? listReviewFolder(folderModel, pageSize).then((listing) => ({ listing, folder: listing.folder }))
        : listReview({
            model: filters.model || undefined,
            label: filters.label || undefined,
            from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : undefined,
            to: filters.to ? new Date(`${filters.to}T23:59:59.999`).toISOString() : undefined,
            limit: pageSize,
          }).then((listing) => ({ listing, folder: undefined }));
    request.then(
      ({ listing, folder }) => live && setLoaded({ kind: 'ready', listing, folder }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ kind: 'missing' });
        else setLoaded({ kind: 'failed', message: messageOf(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [source, filters, folderModel, version]);

  const samples: readonly ReviewSample[] = loaded.kind === 'ready' ? loaded.listing.samples : [];
  const current = samples[Math.min(selected, samples.length - 1)];
  const editable = source === 'feedback';
  const labelsOf = (sample: ReviewSample) => labelsByModel.get(sample.model ?? '') ?? [];

  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      setStatus(await action());
      await refreshUndo();
      setVersion((value) => value + 1);
    } catch (error) {
      setStatus(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const relabel = (sample: ReviewSample, label: string) =>
    run(async () => describe((await relabelSample(sample.path, label)).operation));
  const remove = (sample: ReviewSample) =>
    run(async () => describe((await deleteSample(sample.path)).operation));
  const undo = () => {
    const last = undoable[0];
    if (last) void run(async () => describe((await undoOperation(last.id)).operation, true));
  };

  useReviewShortcuts(loaded.kind === 'ready', {
    move: (step) => setSelected((index) => Math.max(0, Math.min(samples.length - 1, index + step))),
    relabel: (key) => {
      if (editable && current && key !== current.label && labelsOf(current).includes(key))
        void relabel(current, key);
    },
    remove: () => editable && current && void remove(current),
    undo,
  });

  const update = (patch: Partial<Filters>) => {
    setFilters((old) => ({ ...old, ...patch }));
    setSelected(0);
  };
  const filterLabels = filters.model
    ? (labelsByModel.get(filters.model) ?? [])
    : [...new Set([...labelsByModel.values()].flat())].sort();

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title" className="page-title">
        Review
      </h2>
      <p className="muted">
        Samples sorted by loss under their model, most suspicious first. Relabel moves the file to the new
        label’s folder on the server, delete moves it to the server’s trash; both can be undone.
      </p>
      <div className="card review-toolbar">
        {folderAvailable && (
          <fieldset className="review-source">
            <legend>Show</legend>
            {(['feedback', 'folder'] as const).map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="review-source"
                  checked={source === option}
                  onChange={() => {
                    setSource(option);
                    setSelected(0);
                  }}
                />
                {option === 'feedback' ? 'Feedback' : 'Training folder (read-only)'}
              </label>
            ))}
          </fieldset>
        )}
        <label>
          Model
          <select
            value={filters.model}
            onChange={(event) => update({ model: event.target.value, label: '' })}
          >
            {source === 'feedback' && <option value="">All models</option>}
            {models?.map((model) => (
              <option key={model.id} value={model.id}>
                {model.name}
              </option>
            ))}
          </select>
        </label>
        {source === 'feedback' && (
          <>
            <label>
              Label
              <select value={filters.label} onChange={(event) => update({ label: event.target.value })}>
                <option value="">All labels</option>
                {filterLabels.map((label) => (
                  <option key={label} value={label}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              From
              <input
                type="date"
                value={filters.from}
                onChange={(event) => update({ from: event.target.value })}
              />
            </label>
            <label>
              To
              <input
                type="date"
                value={filters.to}
                onChange={(event) => update({ to: event.target.value })}
              />
            </label>
          </>
        )}
        <button
          type="button"
          className="button"
          onClick={undo}
          disabled={busy || undoable.length === 0}
          data-testid="review-undo"
        >
          Undo{undoable[0] ? `: ${describe(undoable[0]).replace(/\.$/, '')}` : ''}
        </button>
      </div>
      <p className="review-status" role="status" data-testid="review-status">
        {status}
      </p>
      <details className="review-help">
        <summary>Keyboard shortcuts</summary>
        <dl>
          {shortcutHelp.map(([keys, action]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{action}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Labels j, k and u are chosen from the “Relabel as” menu.</p>
      </details>
      {loaded.kind === 'loading' && <p>Loading…</p>}
      {loaded.kind === 'missing' && (
        <p className="card notice">
          This server does not list feedback for review (no <code>GET /api/feedback/review</code>).
        </p>
      )}
      {loaded.kind === 'failed' && <p className="card notice error-text">{loaded.message}</p>}
      {loaded.kind === 'ready' &&
        (samples.length === 0 ? (
          <p className="card notice">
            {source === 'feedback' ? 'No feedback matches.' : 'The folder has no images.'}
          </p>
        ) : (
          <section className="card review-model" aria-label="Samples">
            <p className="muted" data-testid="review-total">
              {loaded.folder ? `Folder “${loaded.folder}”: ` : ''}
              {samples.length < loaded.listing.total
                ? `the ${samples.length} most suspicious of ${loaded.listing.total} samples`
                : `${loaded.listing.total} ${loaded.listing.total === 1 ? 'sample' : 'samples'}`}
            </p>
            <ReviewList
              samples={samples}
              selected={Math.min(selected, samples.length - 1)}
              onSelect={setSelected}
              labelsOf={labelsOf}
              onRelabel={editable ? relabel : undefined}
              onDelete={editable ? remove : undefined}
              busy={busy}
            />
          </section>
        ))}
    </section>
  );
}
