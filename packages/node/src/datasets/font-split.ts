/**
 * The fonts printed-letter datasets are rendered from, split into a TRAIN set and a HELD-OUT set.
 *
 * The split is by design lineage, not just by family name: clones and derivatives of one design
 * (Nimbus Roman, FreeSerif and TeX Gyre Termes are all Times; Carlito is drawn from Lato; Liberation 2
 * is Arimo/Tinos/Cousine) count as one lineage and stay on one side, so a held-out score measures
 * letter shapes the model has never seen. Both sides hold serif, sans, monospace and italic faces.
 * Small caps, symbol, script and math faces are left out: their lower case is not lower case.
 *
 * Files are paths under the system's `/usr/share` as Debian's `fonts-*` packages install them
 * (`scripts/setup.sh` installs the packages listed here).
 */
export type FontCategory = 'serif' | 'sans' | 'mono';
export type FontSetName = 'train' | 'held-out';

export interface FontFace {
  /** Unique, kebab-case; used in the rendered file names. */
  readonly id: string;
  /** The family name the font file reports. */
  readonly family: string;
  /** Design lineage: faces sharing one never sit on both sides of the split. */
  readonly lineage: string;
  readonly category: FontCategory;
  readonly italic: boolean;
  readonly bold: boolean;
  /** Path relative to the font root (`/usr/share` by default). */
  readonly file: string;
  readonly debianPackage: string;
}

type Row = readonly [id: string, family: string, style: 'r' | 'i' | 'b' | 'bi', file: string];

function faces(
  lineage: string,
  category: FontCategory,
  debianPackage: string,
  rows: readonly Row[],
): FontFace[] {
  return rows.map(([id, family, style, file]) => ({
    id,
    family,
    lineage,
    category,
    italic: style === 'i' || style === 'bi',
    bold: style === 'b' || style === 'bi',
    file,
    debianPackage,
  }));
}

const dejavu = 'fonts/truetype/dejavu';
const liberation = 'fonts/truetype/liberation';
const free = 'fonts/truetype/freefont';
const urw = 'fonts/opentype/urw-base35';
const lm = 'texmf/fonts/opentype/public/lm';
const libertine = 'fonts/opentype/linux-libertine';
const openSans = 'fonts/truetype/open-sans';

const trainFaces: readonly FontFace[] = [
  ...faces('dejavu', 'sans', 'fonts-dejavu-core', [
    ['dejavu-sans', 'DejaVu Sans', 'r', `${dejavu}/DejaVuSans.ttf`],
    ['dejavu-sans-oblique', 'DejaVu Sans', 'i', `${dejavu}/DejaVuSans-Oblique.ttf`],
    ['dejavu-sans-bold', 'DejaVu Sans', 'b', `${dejavu}/DejaVuSans-Bold.ttf`],
    ['dejavu-sans-condensed', 'DejaVu Sans Condensed', 'r', `${dejavu}/DejaVuSansCondensed.ttf`],
  ]),
  ...faces('dejavu', 'serif', 'fonts-dejavu-core', [
    ['dejavu-serif', 'DejaVu Serif', 'r', `${dejavu}/DejaVuSerif.ttf`],
    ['dejavu-serif-italic', 'DejaVu Serif', 'i', `${dejavu}/DejaVuSerif-Italic.ttf`],
    ['dejavu-serif-bold', 'DejaVu Serif', 'b', `${dejavu}/DejaVuSerif-Bold.ttf`],
  ]),
  ...faces('dejavu', 'mono', 'fonts-dejavu-core', [
    ['dejavu-sans-mono', 'DejaVu Sans Mono', 'r', `${dejavu}/DejaVuSansMono.ttf`],
    ['dejavu-sans-mono-bold-oblique', 'DejaVu Sans Mono', 'bi', `${dejavu}/DejaVuSansMono-BoldOblique.ttf`],
  ]),
  ...faces('liberation', 'sans', 'fonts-liberation', [
    ['liberation-sans', 'Liberation Sans', 'r', `${liberation}/LiberationSans-Regular.ttf`],
    ['liberation-sans-italic', 'Liberation Sans', 'i', `${liberation}/LiberationSans-Italic.ttf`],
    [
      'liberation-sans-narrow-bold',
      'Liberation Sans Narrow',
      'b',
      `${liberation}/LiberationSansNarrow-Bold.ttf`,
    ],
  ]),
  ...faces('liberation', 'serif', 'fonts-liberation', [
    ['liberation-serif', 'Liberation Serif', 'r', `${liberation}/LiberationSerif-Regular.ttf`],
    ['liberation-serif-italic', 'Liberation Serif', 'i', `${liberation}/LiberationSerif-Italic.ttf`],
    ['liberation-serif-bold', 'Liberation Serif', 'b', `${liberation}/LiberationSerif-Bold.ttf`],
  ]),
  ...faces('liberation', 'mono', 'fonts-liberation', [
    ['liberation-mono', 'Liberation Mono', 'r', `${liberation}/LiberationMono-Regular.ttf`],
    ['liberation-mono-italic', 'Liberation Mono', 'i', `${liberation}/LiberationMono-Italic.ttf`],
  ]),
  ...faces('urw-times', 'serif', 'fonts-freefont-ttf', [
    ['free-serif', 'FreeSerif', 'r', `${free}/FreeSerif.ttf`],
    ['free-serif-italic', 'FreeSerif', 'i', `${free}/FreeSerifItalic.ttf`],
    ['free-serif-bold', 'FreeSerif', 'b', `${free}/FreeSerifBold.ttf`],
  ]),
  ...faces('urw-times', 'serif', 'fonts-urw-base35', [
    ['nimbus-roman', 'Nimbus Roman', 'r', `${urw}/NimbusRoman-Regular.otf`],
    ['nimbus-roman-bold-italic', 'Nimbus Roman', 'bi', `${urw}/NimbusRoman-BoldItalic.otf`],
  ]),
  ...faces('urw-helvetica', 'sans', 'fonts-freefont-ttf', [
    ['free-sans', 'FreeSans', 'r', `${free}/FreeSans.ttf`],
    ['free-sans-oblique', 'FreeSans', 'i', `${free}/FreeSansOblique.ttf`],
    ['free-sans-bold', 'FreeSans', 'b', `${free}/FreeSansBold.ttf`],
  ]),
  ...faces('urw-helvetica', 'sans', 'fonts-urw-base35', [
    ['nimbus-sans-narrow', 'Nimbus Sans Narrow', 'r', `${urw}/NimbusSansNarrow-Regular.otf`],
  ]),
  ...faces('urw-courier', 'mono', 'fonts-freefont-ttf', [
    ['free-mono', 'FreeMono', 'r', `${free}/FreeMono.ttf`],
    ['free-mono-oblique', 'FreeMono', 'i', `${free}/FreeMonoOblique.ttf`],
    ['free-mono-bold', 'FreeMono', 'b', `${free}/FreeMonoBold.ttf`],
  ]),
  ...faces('urw-bookman', 'serif', 'fonts-urw-base35', [
    ['urw-bookman-light', 'URW Bookman', 'r', `${urw}/URWBookman-Light.otf`],
    ['urw-bookman-light-italic', 'URW Bookman', 'i', `${urw}/URWBookman-LightItalic.otf`],
    ['urw-bookman-demi', 'URW Bookman', 'b', `${urw}/URWBookman-Demi.otf`],
  ]),
  ...faces('urw-century-schoolbook', 'serif', 'fonts-urw-base35', [
    ['c059-roman', 'C059', 'r', `${urw}/C059-Roman.otf`],
    ['c059-italic', 'C059', 'i', `${urw}/C059-Italic.otf`],
    ['c059-bold', 'C059', 'b', `${urw}/C059-Bold.otf`],
  ]),
  ...faces('computer-modern', 'serif', 'fonts-lmodern', [
    ['lm-roman', 'Latin Modern Roman', 'r', `${lm}/lmroman10-regular.otf`],
    ['lm-roman-italic', 'Latin Modern Roman', 'i', `${lm}/lmroman10-italic.otf`],
    ['lm-roman-bold', 'Latin Modern Roman', 'b', `${lm}/lmroman10-bold.otf`],
  ]),
  ...faces('computer-modern', 'sans', 'fonts-lmodern', [
    ['lm-sans', 'Latin Modern Sans', 'r', `${lm}/lmsans10-regular.otf`],
    ['lm-sans-bold-oblique', 'Latin Modern Sans', 'bi', `${lm}/lmsans10-boldoblique.otf`],
  ]),
  ...faces('computer-modern', 'mono', 'fonts-lmodern', [
    ['lm-mono', 'Latin Modern Mono', 'r', `${lm}/lmmono10-regular.otf`],
    ['lm-mono-italic', 'Latin Modern Mono', 'i', `${lm}/lmmono10-italic.otf`],
  ]),
  ...faces('libertine', 'serif', 'fonts-linuxlibertine', [
    ['linux-libertine', 'Linux Libertine O', 'r', `${libertine}/LinLibertine_R.otf`],
    ['linux-libertine-italic', 'Linux Libertine O', 'i', `${libertine}/LinLibertine_RI.otf`],
    ['linux-libertine-bold', 'Linux Libertine O', 'b', `${libertine}/LinLibertine_RB.otf`],
  ]),
  ...faces('libertine', 'sans', 'fonts-linuxlibertine', [
    ['linux-biolinum', 'Linux Biolinum O', 'r', `${libertine}/LinBiolinum_R.otf`],
    ['linux-biolinum-italic', 'Linux Biolinum O', 'i', `${libertine}/LinBiolinum_RI.otf`],
  ]),
  ...faces('libertine', 'mono', 'fonts-linuxlibertine', [
    ['linux-libertine-mono', 'Linux Libertine Mono O', 'r', `${libertine}/LinLibertine_M.otf`],
  ]),
  ...faces('open-sans', 'sans', 'fonts-open-sans', [
    ['open-sans', 'Open Sans', 'r', `${openSans}/OpenSans-Regular.ttf`],
    ['open-sans-italic', 'Open Sans', 'i', `${openSans}/OpenSans-Italic.ttf`],
    ['open-sans-semibold', 'Open Sans', 'b', `${openSans}/OpenSans-Semibold.ttf`],
    ['open-sans-light', 'Open Sans', 'r', `${openSans}/OpenSans-Light.ttf`],
  ]),
];

const ebGaramond = 'fonts/opentype/ebgaramond';
const crosextra = 'fonts/truetype/crosextra';
const go = 'fonts/fonts-go';

const heldOutFaces: readonly FontFace[] = [
  ...faces('eb-garamond', 'serif', 'fonts-ebgaramond', [
    ['eb-garamond', 'EB Garamond', 'r', `${ebGaramond}/EBGaramond12-Regular.otf`],
    ['eb-garamond-italic', 'EB Garamond', 'i', `${ebGaramond}/EBGaramond12-Italic.otf`],
    ['eb-garamond-bold', 'EB Garamond', 'b', `${ebGaramond}/EBGaramond12-Bold.otf`],
  ]),
  ...faces('urw-palatino', 'serif', 'fonts-urw-base35', [
    ['p052-roman', 'P052', 'r', `${urw}/P052-Roman.otf`],
    ['p052-italic', 'P052', 'i', `${urw}/P052-Italic.otf`],
    ['p052-bold', 'P052', 'b', `${urw}/P052-Bold.otf`],
  ]),
  ...faces('caladea', 'serif', 'fonts-crosextra-caladea', [
    ['caladea', 'Caladea', 'r', `${crosextra}/Caladea-Regular.ttf`],
    ['caladea-italic', 'Caladea', 'i', `${crosextra}/Caladea-Italic.ttf`],
    ['caladea-bold', 'Caladea', 'b', `${crosextra}/Caladea-Bold.ttf`],
  ]),
  ...faces('gentium', 'serif', 'fonts-sil-gentium', [
    ['gentium', 'Gentium', 'r', 'fonts/truetype/gentium/Gentium-R.ttf'],
    ['gentium-italic', 'Gentium', 'i', 'fonts/truetype/gentium/Gentium-I.ttf'],
  ]),
  ...faces('lato', 'sans', 'fonts-crosextra-carlito', [
    ['carlito', 'Carlito', 'r', `${crosextra}/Carlito-Regular.ttf`],
    ['carlito-italic', 'Carlito', 'i', `${crosextra}/Carlito-Italic.ttf`],
    ['carlito-bold', 'Carlito', 'b', `${crosextra}/Carlito-Bold.ttf`],
  ]),
  ...faces('go', 'sans', 'fonts-go', [
    ['go', 'Go', 'r', `${go}/Go-Regular.ttf`],
    ['go-italic', 'Go', 'i', `${go}/Go-Italic.ttf`],
    ['go-bold', 'Go', 'b', `${go}/Go-Bold.ttf`],
  ]),
  ...faces('go', 'mono', 'fonts-go', [
    ['go-mono', 'Go Mono', 'r', `${go}/Go-Mono.ttf`],
    ['go-mono-italic', 'Go Mono', 'i', `${go}/Go-Mono-Italic.ttf`],
  ]),
  ...faces('urw-avant-garde', 'sans', 'fonts-urw-base35', [
    ['urw-gothic', 'URW Gothic', 'r', `${urw}/URWGothic-Book.otf`],
    ['urw-gothic-oblique', 'URW Gothic', 'i', `${urw}/URWGothic-BookOblique.otf`],
    ['urw-gothic-demi', 'URW Gothic', 'b', `${urw}/URWGothic-Demi.otf`],
  ]),
  ...faces('cantarell', 'sans', 'fonts-cantarell', [
    ['cantarell', 'Cantarell', 'r', 'fonts/opentype/cantarell/Cantarell-Regular.otf'],
    ['cantarell-bold', 'Cantarell', 'b', 'fonts/opentype/cantarell/Cantarell-Bold.otf'],
  ]),
  ...faces('inconsolata', 'mono', 'fonts-inconsolata', [
    ['inconsolata', 'Inconsolata', 'r', 'fonts/truetype/inconsolata/Inconsolata.otf'],
  ]),
];

export const fontSets: Readonly<Record<FontSetName, readonly FontFace[]>> = {
  train: trainFaces,
  'held-out': heldOutFaces,
};

export const fontSetNames: readonly FontSetName[] = ['train', 'held-out'];

/** The Debian packages that provide every face of every set, sorted, for installers and messages. */
export function fontDebianPackages(): string[] {
  return [
    ...new Set(fontSetNames.flatMap((name) => fontSets[name].map((face) => face.debianPackage))),
  ].sort();
}
