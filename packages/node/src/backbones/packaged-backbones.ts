/**
 * The backbones Glyph can build offline from an installed npm package (no download at run time).
 * nsfwjs ships MobileNetV2 as a Keras LayersModel wrapped in JS modules: its weights were initialised
 * from ImageNet and fine-tuned on other classes — generic image features, not pure ImageNet ones.
 */
export interface PackagedBackbone {
  readonly id: string;
  readonly name: string;
  /** npm package and version the weights come from (pinned in packages/node/package.json). */
  readonly packageName: string;
  readonly packageVersion: string;
  /** Files inside the package: the topology module and the weight-shard module. */
  readonly modelModule: string;
  readonly shardModule: string;
  /** The layer whose output is the feature vector; everything after it is the package's own head. */
  readonly features: string;
  /** Fine-tuning trains the layers after this one: the last 1×1 convolution, its batch norm and ReLU6. */
  readonly fineTuneFrom: string;
  readonly licence: string;
  /** How pictures reach the input: the package resizes the whole picture (no crop). */
  readonly resize?: 'stretch';
}

export const packagedBackbones: readonly PackagedBackbone[] = [
  {
    id: 'mobilenet-v2',
    name: 'MobileNetV2 (224×224, 1280 features; from nsfwjs 4.4.0)',
    packageName: 'nsfwjs',
    packageVersion: '4.4.0',
    modelModule: 'dist/models/mobilenet_v2/model.min.js',
    shardModule: 'dist/models/mobilenet_v2/group1-shard1of1.min.js',
    features: 'flatten_1',
    fineTuneFrom: 'block_16_project_BN',
    resize: 'stretch',
    licence:
      'MIT (nsfwjs); MobileNetV2 architecture, ImageNet-initialised weights fine-tuned by the package authors',
  },
];

export function packagedBackbone(id: string): PackagedBackbone | undefined {
  return packagedBackbones.find((backbone) => backbone.id === id);
}
