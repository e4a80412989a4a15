/** The IDX datasets Glyph knows by name (DESIGN "CLI": dataset specs). */
export const knownDatasetNames = [
  'mnist',
  'emnist-byclass',
  'emnist-bymerge',
  'emnist-balanced',
  'emnist-letters',
  'emnist-digits',
  'emnist-mnist',
  'fashion-mnist',
] as const;
export type KnownDatasetName = (typeof knownDatasetNames)[number];

export type SplitName = 'train' | 'test';
export const splitNames: readonly SplitName[] = ['train', 'test'];

export interface IdxSplitFiles {
  readonly images: string;
  readonly labels: string;
}

export interface KnownDataset {
  readonly name: KnownDatasetName;
  readonly title: string;
  /** Sub-folder of the data root holding the files. */
  readonly folder: 'mnist' | 'emnist' | 'fashion-mnist';
  /** Official file names (the `.gz` form; an uncompressed file without `.gz` is accepted too). */
  readonly files: Readonly<Record<SplitName, IdxSplitFiles>>;
  /** Official `*-mapping.txt` naming the classes; absent for MNIST (classes are the digits). */
  readonly mappingFile?: string;
  /** Class names of file labels 0..n-1, for datasets that publish them in prose rather than a file. */
  readonly classNames?: readonly string[];
  /** What the images show: `ink` (handwriting, read by an ink recipe) or `photo` (product photos). */
  readonly content: 'ink' | 'photo';
  /** EMNIST stores images transposed; they are turned upright on load. */
  readonly transposed: boolean;
  /** Name in the download registry (`glyph data download <name>`). */
  readonly download: 'mnist' | 'emnist' | 'fashion-mnist';
  /** Said when the files are missing: a local stand-in, if there is one. */
  readonly missingHint?: string;
}

function emnist(split: string, title: string): KnownDataset {
  const file = (part: SplitName, kind: 'images-idx3' | 'labels-idx1') =>
    `emnist-${split}-${part}-${kind}-ubyte.gz`;
  return {
    name: `emnist-${split}` as KnownDatasetName,
    title,
    folder: 'emnist',
    files: {
      train: { images: file('train', 'images-idx3'), labels: file('train', 'labels-idx1') },
      test: { images: file('test', 'images-idx3'), labels: file('test', 'labels-idx1') },
    },
    mappingFile: `emnist-${split}-mapping.txt`,
    transposed: true,
    content: 'ink',
    download: 'emnist',
  };
}

export const knownDatasets: Readonly<Record<KnownDatasetName, KnownDataset>> = {
  mnist: {
    name: 'mnist',
    title: 'MNIST handwritten digits (60000 train / 10000 test, 10 classes)',
    folder: 'mnist',
    files: {
      train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
      test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
    },
    transposed: false,
    content: 'ink',
    download: 'mnist',
  },
  'emnist-byclass': emnist('byclass', 'EMNIST ByClass: digits, upper and lower case (62 classes)'),
  'emnist-bymerge': emnist('bymerge', 'EMNIST ByMerge: 47 classes, similar upper/lower letters merged'),
  'emnist-balanced': {
    ...emnist('balanced', 'EMNIST Balanced: 47 classes, equal samples per class'),
    missingHint:
      'emnist-bymerge uses the same 47 classes (identical mapping file) and can stand in for evaluation, ' +
      'but it is not the balanced set.',
  },
  'emnist-letters': emnist('letters', 'EMNIST Letters: 26 case-insensitive letters'),
  'emnist-digits': emnist('digits', 'EMNIST Digits: 10 classes'),
  'emnist-mnist': emnist('mnist', 'EMNIST MNIST: 10 digit classes in MNIST proportions'),
  'fashion-mnist': {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST product photos (60000 train / 10000 test, 10 classes, 28×28 gray)',
    folder: 'fashion-mnist',
    // Same file names as MNIST, in a folder of their own.
    files: {
      train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
      test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
    },
    classNames: fashionClassNames(),
    transposed: false,
    content: 'photo',
    download: 'fashion-mnist',
  },
};

/**
 * Fashion-MNIST's published classes (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt,
 * Sneaker, Bag, Ankle boot) written as lower-case kebab names: labels become feedback and `folder:`
 * class folders, where only a-z, 0-9, `-` and `_` stay readable (the rest is %-encoded, `/` included).
 */
function fashionClassNames(): readonly string[] {
  return [
    't-shirt-top',
    'trouser',
    'pullover',
    'dress',
    'coat',
    'sandal',
    'shirt',
    'sneaker',
    'bag',
    'ankle-boot',
  ];
}

/**
 * The letters test file available here covers only a..s. When the official letters test file is
 * absent but this one is present, `emnist-letters:test` is built from it plus byclass (see loader).
 */
export const partialLettersTest: IdxSplitFiles = {
  images: 'emnist-letters-test-partial-images-idx3-ubyte.gz',
  labels: 'emnist-letters-test-partial-labels-idx1-ubyte.gz',
};

export function isKnownDatasetName(name: string): name is KnownDatasetName {
  return (knownDatasetNames as readonly string[]).includes(name);
}
