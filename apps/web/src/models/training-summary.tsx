// The training facts a reader looks for first, picked from metadata.json (whatever is present),
// then everything else behind a disclosure.
import { useState } from 'react';
import { modelFileUrl } from '../api/api-client';
import { DetailList } from './detail-list';

type Metadata = Readonly<Record<string, unknown>>;

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** [label, value] pairs for the facts that exist in this metadata, in reading order. */
export function trainingFacts(metadata: Metadata): [string, string][] {
  const training = asRecord(metadata.training);
  const dataset = asRecord(metadata.dataset);
  const facts: [string, unknown][] = [
    ['Architecture', training.architecture ?? training.model],
    ['Parameters', typeof training.params === 'number' ? training.params.toLocaleString() : undefined],
    ['Dataset', [dataset.name, dataset.split].filter(Boolean).join(' · ') || undefined],
    [
      'Training images',
      typeof dataset.trainCount === 'number' ? dataset.trainCount.toLocaleString() : undefined,
    ],
    ['Epochs', training.epochs],
    ['Training time', typeof training.seconds === 'number' ? formatDuration(training.seconds) : undefined],
    ['Backend', training.backend],
    ['Batch size', training.batchSize],
    ['Optimizer', [training.optimizer, training.schedule].filter(Boolean).join(', ') || undefined],
    ['Augmentation', training.augment],
    ['Preprocessing', asRecord(metadata.preprocessing).kind],
    ['Created', typeof metadata.createdAt === 'string' ? metadata.createdAt.slice(0, 10) : undefined],
  ];
  return facts
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => [label, String(value)]);
}

export function TrainingSummary({
  modelId,
  metadata,
}: {
  readonly modelId: string;
  readonly metadata: Metadata;
}) {
  const [hasCurves, setHasCurves] = useState(true);
  return (
    <>
      <dl className="facts">
        {trainingFacts(metadata).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {hasCurves && (
        <figure className="curves">
          <img
            src={modelFileUrl(modelId, 'curves.png')}
            alt="Training curves: loss and accuracy per epoch on training and validation data"
            onError={() => setHasCurves(false)}
          />
        </figure>
      )}
      <details className="all-metadata">
        <summary>All metadata</summary>
        <DetailList
          entries={[
            ['Dataset', metadata.dataset],
            ['Training', metadata.training],
            ['Preprocessing', metadata.preprocessing],
            ['Metrics', metadata.metrics],
            ['Created', metadata.createdAt],
            ['Version', metadata.version],
          ]}
        />
      </details>
    </>
  );
}
