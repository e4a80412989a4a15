/** A file Glyph can fetch into the data root, with what is known about it to verify the bytes. */
export interface DownloadFile {
  readonly fileName: string;
  /** Sub-folder of the data root (the dataset loaders look there). */
  readonly folder: string;
  /** Official location first, then mirrors; tried in order. */
  readonly urls: readonly string[];
  readonly bytes?: number;
  readonly sha256?: string;
  /** Used only when no sha256 is published. */
  readonly md5?: string;
}

export interface DownloadEntry {
  readonly name: 'mnist' | 'emnist' | 'fashion-mnist';
  readonly title: string;
  readonly files: readonly DownloadFile[];
  /** A step still to do by hand after the download, shown to the user. */
  readonly manualStep?: (dataDir: string) => string;
}

const mnistMirrors = [
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
  'http://yann.lecun.com/exdb/mnist/',
];

function mnistFile(fileName: string, bytes: number, sha256: string, md5: string): DownloadFile {
  return { fileName, folder: 'mnist', urls: mnistMirrors.map((base) => base + fileName), bytes, sha256, md5 };
}

const fashionBase = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

/** Fashion-MNIST publishes md5 and sizes only (no sha256). */
function fashionFile(fileName: string, bytes: number, md5: string): DownloadFile {
  return { fileName, folder: 'fashion-mnist', urls: [fashionBase + fileName], bytes, md5 };
}

export const downloadRegistry: Readonly<Record<DownloadEntry['name'], DownloadEntry>> = {
  mnist: {
    name: 'mnist',
    title: 'MNIST (4 files, 11.6 MB)',
    files: [
      mnistFile(
        'train-images-idx3-ubyte.gz',
        9912422,
        '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
        'f68b3c2dcbeaaa9fbdd348bbdeb94873',
      ),
      mnistFile(
        'train-labels-idx1-ubyte.gz',
        28881,
        '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
        'd53e105ee54ea40749a09fcbcd1e9432',
      ),
      mnistFile(
        't10k-images-idx3-ubyte.gz',
        1648877,
        '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
        '9fb629c4189551a2d022fa330f9573f3',
      ),
      mnistFile(
        't10k-labels-idx1-ubyte.gz',
        4542,
        'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
        'ec29112dd5afa0611ce80d1b7f02629c',
      ),
    ],
  },
  emnist: {
    name: 'emnist',
    title: 'EMNIST, all splits (NIST gzip.zip, about 536 MB; size and sha256 not published, md5 checked)',
    files: [
      {
        fileName: 'gzip.zip',
        folder: 'emnist',
        urls: ['https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip'],
        md5: '58c8d27c78d21e728a6bc7b3cc06412e',
      },
    ],
    // Extraction is not automated yet: the archive holds the IDX .gz files under gzip/.
    manualStep: (dataDir) =>
      `Extract the IDX files next to the archive: unzip -j "${dataDir}/emnist/gzip.zip" 'gzip/*' -d "${dataDir}/emnist"`,
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST (4 files, 30.9 MB; md5 checked)',
    files: [
      fashionFile('train-images-idx3-ubyte.gz', 26421880, '8d4fb7e6c68d591d4c3dfef9ec88bf0d'),
      fashionFile('train-labels-idx1-ubyte.gz', 29515, '25c81989df183df01b3e8a0aad5dffbe'),
      fashionFile('t10k-images-idx3-ubyte.gz', 4422102, 'bef4ecab320f06d8554ea6380940ec79'),
      fashionFile('t10k-labels-idx1-ubyte.gz', 5148, 'bb300cfdad3c16e7a12a480ee83cd310'),
    ],
  },
};

export const downloadNames = Object.keys(downloadRegistry) as DownloadEntry['name'][];
