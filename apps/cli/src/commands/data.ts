import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { runDataDownload } from './data-download';
import { runDataLinePieces } from './data-line-pieces';
import { runDataList } from './data-list';
import { parseRenderFontsOptions, runDataRenderFonts } from './data-render-fonts';
import { parseDataShowOptions, runDataShow } from './data-show';

const dataDirHelp = 'dataset root (default $GLYPH_DATA_DIR, else ~/.cache/glyph/datasets)';

/** `glyph data list|show|download|render-fonts|line-pieces`: what datasets exist, what is in one, and fetching them. */
export function registerDataCommand(program: Command, io: CliIo): void {
  const data = program.command('data').description('List, inspect and download datasets.');
  data
    .command('list')
    .description('Known datasets and which splits are present in the data directory.')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--json', 'print one JSON object')
    .action(async (raw: { dataDir?: string; json?: boolean }) => runDataList(raw, io));
  data
    .command('show <spec>')
    .description(
      'Split sizes, per-class counts, image size and notes of a dataset; optionally a contact sheet.',
    )
    .option('--data-dir <dir>', dataDirHelp)
    .option('--holdout <fraction>', 'partition the split into train/test by content hash (e.g. 0.2)')
    .option('--dedupe', 'drop byte-identical duplicate images')
    .option('--out <png>', 'write a contact sheet: one row per class with sample images')
    .option('--samples <n>', 'samples per class in the contact sheet', '12')
    .option('--size <WxH>', 'folder datasets: decode to this size (default: the most common size)')
    .option('--channels <1|3>', 'folder datasets: 1 = grayscale, 3 = RGB (default: from the files)')
    .option('--json', 'print the summary as one JSON object')
    .action(async (spec: string, raw: Record<string, unknown>) =>
      runDataShow(parseDataShowOptions(spec, raw), io),
    );
  data
    .command('download <name>')
    .description('Download a dataset (mnist, emnist) into the data directory, verified and resumable.')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (name: string, raw: { dataDir?: string }) => runDataDownload(name, raw, io));
  data
    .command('render-fonts')
    .description('Write a folder dataset of printed characters rendered from the train or held-out fonts.')
    .requiredOption('--fonts <set>', 'font set: train or held-out (see docs/datasets.md)')
    .requiredOption('--out <dir>', 'new or empty folder to write <class>/<face>-<n>.png into')
    .option('--chars <ranges>', 'characters, e.g. a-z or a-z,A-Z,0-9', 'a-z')
    .option('--per-font <n>', 'images per character per font face', '20')
    .option('--seed <n>', 'random seed of the styles (same seed, same files)', '1')
    .option('--size <px>', 'side of the square images', '64')
    .option('--photo <fraction>', 'fraction drawn like a photo of paper (shade, blur, noise)', '0.5')
    .option(
      '--fold-case',
      'put upper-case glyphs in the lower-case class (A into a), as the letters model reads them',
    )
    .option('--faces <ids>', 'only these face ids of the set, comma-separated')
    .option('--font-root <dir>', 'folder holding fonts/ and texmf/ (default /usr/share)')
    .action(async (raw: Record<string, unknown>) => runDataRenderFonts(parseRenderFontsOptions(raw), io));
  data
    .command('line-pieces')
    .description(
      'Write a folder dataset of digits cut out of written lines of MNIST training digits by the segmenter.',
    )
    .requiredOption('--out <dir>', 'folder to write <digit>/<line>-<k>[-cut].png into')
    .option('--lines <n>', 'lines of 3–8 digits to write and segment', '6000')
    .option('--seed <n>', 'seed of the lines (same seed, same files)', '21')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (raw: Record<string, unknown>) => runDataLinePieces(raw, io));
}
