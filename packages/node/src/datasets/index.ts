// Public dataset API of @glyph/node: train, eval, the server and the CLI code against these names.
export { resolveDataDir } from './data-dir';
export {
  datasetName,
  formatDatasetSpec,
  parseDatasetSpec,
  splitDatasetSpecs,
  type DatasetSpec,
} from './dataset-spec';
export { loadDataset, type LoadDatasetOptions, type LoadedDataset } from './load-dataset';
export {
  isKnownDatasetName,
  knownDatasetNames,
  knownDatasets,
  type KnownDataset,
  type KnownDatasetName,
  type SplitName,
} from './known-datasets';
export { listDatasets, type DatasetStatus, type SplitStatus } from './dataset-status';
export { summarizeDataset, type DatasetSummary, type SplitSummary } from './dataset-summary';
export { renderContactSheet, type ContactSheetOptions } from './contact-sheet';
export { readIdxFile, readIdxImagesAndLabels, type IdxFile, type IdxImagesAndLabels } from './idx-file';
export { parseIdx, type IdxArray } from './idx-format';
export { locateSplit } from './locate-files';
export { decodeImageBytes, type DecodeTarget } from './decode-image-file';
export { folderClassNames, type FolderPreprocessing } from './load-folder-dataset';
export { dirNameToLabel, labelFromDirName, labelToDirName } from './label-folder-name';
export { parseCharRanges } from './char-ranges';
export { fontDebianPackages, fontSetNames, fontSets, type FontFace, type FontSetName } from './font-split';
export { renderFontDataset, type RenderFontsOptions, type RenderFontsResult } from './render-fonts';
export { writeLinePieces, type LinePiecesOptions, type LinePiecesResult } from './line-pieces';
