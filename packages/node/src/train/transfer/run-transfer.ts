import { join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { photoAugmenter } from '@glyph/core/augment';
import type { EpochLogs } from '@glyph/core/train';
import {
  assembleTransferModel,
  cacheFeatures,
  createHead,
  scoreCache,
  splitBackbone,
  trainPhase,
  type FeatureCache,
  type PhaseOptions,
} from '@glyph/core/transfer';
import { modelSize } from '@glyph/core/zoo';
import { loadBackbone } from '../../backbones';
import { initNodeEngine } from '../../engine';
import { registerFileRouters, saveModelFolder, writeFileAtomic } from '../../model-io';
import { buildMetadata } from '../build-metadata';
import { assertFiniteMetrics } from '../finite-metrics';
import { prepareData } from '../prepare-data';
import type { RunTrainingOptions, TrainingOutcome } from '../run-options';
import { claimOutput } from '../run-setup';
import { writeCurves } from '../write-curves';
import { crossValidate, type CrossValidation, type OutOfFold } from './cross-validate';
import { writeFoldReport } from './fold-report';
import { transferDefaults } from './transfer-defaults';

/**
 * `glyph train --model transfer`: a pretrained backbone, frozen, computes each image's activations
 * once (the image and augmented copies); a softmax head is trained on them, then optionally the
 * backbone's top layers with it at a lower rate. `--folds k` scores the recipe by k-fold
 * cross-validation first. The result is one LayersModel (backbone + head) with metadata naming the
 * backbone and its weight digest.
 */
export async function runTransfer(options: RunTrainingOptions): Promise<TrainingOutcome> {
  const out = resolve(options.outDirectory);
  await claimOutput(out, options.force === true);
  if (options.resume) {
    throw new GlyphError(
      'BAD_USAGE',
      'Transfer runs take minutes and keep no checkpoints: run the command again without --resume.',
    );
  }
  const engine = await initNodeEngine({ backend: options.settings.backend });
  registerFileRouters();
  const started = performance.now();
  const backboneRef = options.config.backbone ?? transferDefaults.backbone;
  options.log(`Loading backbone ${backboneRef}…`);
  const backbone = await loadBackbone(backboneRef);
  const { metadata: about } = backbone;
  const input = [about.input.height, about.input.width, 3] as const;
  const epochs = options.explicit?.has('epochs') ? options.config.epochs : transferDefaults.headEpochs;
  const learningRate = options.explicit?.has('learningRate')
    ? options.config.learningRate
    : transferDefaults.learningRate;
  const config = {
    ...options.config,
    epochs,
    learningRate,
    input,
    backbone: backboneRef,
    preprocess: 'photo' as const,
    ...(about.preprocessing.resize && { photoResize: about.preprocessing.resize }),
  };
  const fineTuneEpochs = config.fineTuneEpochs ?? transferDefaults.fineTuneEpochs;
  const split = splitBackbone(backbone.model, fineTuneEpochs > 0 ? about.fineTuneFrom : undefined);
  if (fineTuneEpochs > 0 && about.fineTuneFrom === undefined)
    options.log(`${about.id} names no top layers to fine-tune (fineTuneFrom): training the head only.`);
  let finalHead: tf.layers.Layer | undefined;
  let assembled: tf.LayersModel | undefined;
  try {
    const data = await prepareData(config, input, options.settings.dataDir);
    data.notes.forEach((note) => options.log(note));
    const classes = data.train.classNames.length;
    const views = config.views ?? transferDefaults.views;
    const norm = {
      ...(about.preprocessing.mean && { mean: about.preprocessing.mean }),
      ...(about.preprocessing.std && { std: about.preprocessing.std }),
    };
    // Photo augmentation unless --augment none was asked for (the CLI's default for other models is none).
    const augmentation = options.explicit?.has('augment') ? config.augment : 'photo';
    const augment =
      augmentation === 'none'
        ? undefined
        : photoAugmenter({ flipProbability: mirrorable(data.train) ? 0.5 : 0 });
    const progress = (what: string) => (done: number, total: number) => {
      if (options.progress.isTTY) options.progress.write(`\r${what}: ${done}/${total} images`);
    };
    const train = await cacheFeatures(split.lower, data.train, {
      views,
      ...(augment && { augmenter: augment }),
      seed: config.seed,
      ...norm,
      onProgress: progress('backbone features (train, with augmented views)'),
    });
    const validation =
      data.validation &&
      (await cacheFeatures(split.lower, data.validation, { views: 1, seed: config.seed, ...norm }));
    const test =
      data.test && (await cacheFeatures(split.lower, data.test, { views: 1, seed: config.seed, ...norm }));
    options.log(
      `\nCached ${train.views} view(s) of ${train.count} training images in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    const phases = phasesFor(config, fineTuneEpochs, split.upper.length > 0);
    let crossValidation: CrossValidation | undefined;
    let outOfFold: OutOfFold | undefined;
    const foldsStarted = performance.now();
    if (config.folds !== undefined) {
      ({ summary: crossValidation, outOfFold } = await crossValidate({
        set: data.train,
        cache: train,
        upper: split.upper,
        folds: config.folds,
        phases,
        seed: config.seed,
        onFold: (s) =>
          options.log(
            `fold ${s.fold}/${config.folds}: ${(s.accuracy * 100).toFixed(1)}% of ${s.testCount} held-out images (trained on ${s.trainCount})`,
          ),
      }));
      options.log(
        `Cross-validation: ${(crossValidation.meanAccuracy * 100).toFixed(1)}% ± ${(crossValidation.stdAccuracy * 100).toFixed(1)} (mean ± sd over ${config.folds} folds).`,
      );
    }
    finalHead = createHead(classes, config.seed);
    const history: EpochLogs[] = [];
    for (const phase of phases) {
      history.push(
        ...(await trainPhase(
          split.upper,
          finalHead,
          {
            train,
            trainLabels: data.train.labels,
            ...(validation && { validation, validationLabels: data.validation!.labels }),
          },
          {
            ...phase,
            firstEpoch: history.length + 1,
            onEpoch: (logs) => options.log(epochLine(logs, phase)),
          },
        )),
      );
    }
    const model = assembleTransferModel(backbone.model, finalHead);
    assembled = model;
    const { evaluation, evaluatedOn } = finalScore(
      split.upper,
      finalHead,
      data,
      { test, validation, train },
      crossValidation,
    );
    const seconds = (performance.now() - started) / 1000;
    const metadata = buildMetadata({
      config,
      settings: options.settings,
      data,
      result: { history, epochsCompleted: history.length, stopReason: 'completed', seconds },
      evaluation,
      evaluatedOn,
      input,
      outDirectory: out,
      seconds,
      backend: engine.backend,
      workers: 1,
      params: modelSize(model).params,
    });
    const withTransfer = {
      ...metadata,
      preprocessing: { ...metadata.preprocessing, ...norm },
      metrics: { ...metadata.metrics, ...(crossValidation && { crossValidation }) },
      transfer: {
        backbone: {
          id: about.id,
          name: about.name,
          sha256: about.sha256,
          source: about.source,
          licence: about.licence,
          features: about.features,
        },
        headEpochs: config.epochs,
        fineTuneEpochs: phases.length > 1 ? fineTuneEpochs : 0,
        ...(phases.length > 1 && { fineTuneFrom: about.fineTuneFrom }),
        views: train.views,
      },
    };
    assertFiniteMetrics(withTransfer);
    await saveModelFolder(model, out, withTransfer, {
      ...(config.quantize && { quantize: config.quantize }),
    });
    await writeFileAtomic(join(out, 'history.json'), `${JSON.stringify(history, null, 2)}\n`);
    if (outOfFold && config.folds !== undefined) {
      const dir = await writeFoldReport(
        out,
        withTransfer,
        data.train,
        outOfFold,
        config.folds,
        (performance.now() - foldsStarted) / 1000,
      );
      options.log(`Cross-validation report: ${join(dir, 'report.html')}`);
    }
    const curvesPath = await writeCurves(
      out,
      history,
      `${metadata.name}: transfer from ${about.id} on ${config.dataset}`,
    );
    return { metadata: withTransfer, history, outDirectory: out, curvesPath };
  } finally {
    // A layer counts its calls: the assembled model's dispose frees the backbone's layers and
    // takes back the head's symbolic call; the head's own dispose takes back its first call.
    if (assembled) assembled.dispose();
    else backbone.model.dispose();
    if (finalHead?.built) finalHead.dispose();
  }
}

function phasesFor(
  config: RunTrainingOptions['config'],
  fineTuneEpochs: number,
  canTune: boolean,
): Omit<PhaseOptions, 'onEpoch'>[] {
  const common = {
    batchSize: config.batchSize,
    dropout: transferDefaults.dropout,
    seed: config.seed,
    firstEpoch: 1,
  };
  const phases: Omit<PhaseOptions, 'onEpoch'>[] = [
    { ...common, epochs: config.epochs, learningRate: config.learningRate, upperRate: 0 },
  ];
  if (canTune && fineTuneEpochs > 0) {
    const rate = config.learningRate / 2;
    phases.push({
      ...common,
      seed: config.seed + 1,
      epochs: fineTuneEpochs,
      learningRate: rate,
      upperRate: rate * transferDefaults.upperRateFactor,
    });
  }
  return phases;
}

function epochLine(logs: EpochLogs, phase: Omit<PhaseOptions, 'onEpoch'>): string {
  const what = phase.upperRate > 0 ? 'fine-tune' : 'head';
  const val =
    logs.valAccuracy !== undefined
      ? ` - val_loss: ${logs.valLoss!.toFixed(4)} - val_acc: ${logs.valAccuracy.toFixed(4)}`
      : '';
  return `${what} epoch ${logs.epoch} - ${logs.seconds.toFixed(1)}s - loss: ${logs.loss.toFixed(4)} - acc: ${logs.accuracy.toFixed(4)}${val}`;
}

/** Text reads wrong mirrored: classes that are single characters are never flipped. */
function mirrorable(set: LabeledImages): boolean {
  return !set.classNames.every((name) => [...name].length === 1);
}

function finalScore(
  upper: readonly tf.layers.Layer[],
  head: tf.layers.Layer,
  data: {
    train: LabeledImages;
    validation?: LabeledImages;
    test?: LabeledImages;
    loaded: { holdout?: unknown };
  },
  caches: { test?: FeatureCache; validation?: FeatureCache; train: FeatureCache },
  crossValidation: CrossValidation | undefined,
) {
  if (caches.test && data.test) {
    const s = scoreCache(upper, head, caches.test, data.test.labels);
    return {
      evaluation: { loss: s.loss, accuracy: s.accuracy, count: data.test.count },
      evaluatedOn: data.loaded.holdout ? ('holdout-test' as const) : ('test' as const),
    };
  }
  if (crossValidation) {
    const s = scoreCache(upper, head, caches.train, data.train.labels);
    return {
      evaluation: { loss: s.loss, accuracy: crossValidation.meanAccuracy, count: data.train.count },
      evaluatedOn: 'cross-validation' as const,
    };
  }
  const set =
    caches.validation && data.validation
      ? { cache: caches.validation, labels: data.validation.labels, on: 'validation' as const }
      : { cache: caches.train, labels: data.train.labels, on: 'train' as const };
  const s = scoreCache(upper, head, set.cache, set.labels);
  return { evaluation: { loss: s.loss, accuracy: s.accuracy, count: set.cache.count }, evaluatedOn: set.on };
}
