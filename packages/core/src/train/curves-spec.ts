import type { EpochLogs } from './callback';

type Spec = Record<string, unknown>;

/**
 * A Vega-Lite spec of the learning curves: loss and accuracy per epoch, train and validation side
 * by side. Data only; the CLI renders it to PNG and the web app can embed the same spec.
 */
export function trainingCurvesSpec(history: readonly EpochLogs[], title = 'Training curves'): Spec {
  const rows = history.flatMap((logs) => [
    { epoch: logs.epoch, metric: 'loss', split: 'train', value: logs.loss },
    { epoch: logs.epoch, metric: 'accuracy', split: 'train', value: logs.accuracy },
    ...(logs.valLoss === undefined
      ? []
      : [{ epoch: logs.epoch, metric: 'loss', split: 'validation', value: logs.valLoss }]),
    ...(logs.valAccuracy === undefined
      ? []
      : [{ epoch: logs.epoch, metric: 'accuracy', split: 'validation', value: logs.valAccuracy }]),
  ]);
  const panel = (metric: 'loss' | 'accuracy'): Spec => ({
    title: metric,
    width: 300,
    height: 200,
    transform: [{ filter: `datum.metric === '${metric}'` }],
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 }, title: 'epoch' },
      y: {
        field: 'value',
        type: 'quantitative',
        title: metric,
        scale: metric === 'loss' ? { type: 'log' } : { zero: false },
      },
      color: { field: 'split', type: 'nominal', title: null, sort: ['train', 'validation'] },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: rows },
    hconcat: [panel('loss'), panel('accuracy')],
  };
}
