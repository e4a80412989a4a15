import { join } from 'node:path';
import { trainingCurvesSpec, type EpochLogs } from '@glyph/core/train';
import { writeFileAtomic } from '@glyph/node/model-io';
import { renderChartSvg, svgToPng } from '@glyph/node/report';

/** `curves.svg` and `curves.png` (loss and accuracy per epoch) from one Vega-Lite spec. */
export async function writeCurves(
  directory: string,
  history: readonly EpochLogs[],
  title: string,
): Promise<string> {
  const svg = await renderChartSvg(trainingCurvesSpec(history, title));
  await writeFileAtomic(join(directory, 'curves.svg'), svg);
  const path = join(directory, 'curves.png');
  await writeFileAtomic(path, await svgToPng(svg));
  return path;
}
