import { GlyphError } from '@glyph/core';

/**
 * The error for anything the exporter cannot convert: names the layer, its class and the setting,
 * and says what is supported, so the fix (change the layer, or extend the exporter) is clear.
 */
export function unsupported(layerName: string, className: string, what: string): GlyphError {
  return new GlyphError(
    'EXPORT_UNSUPPORTED',
    `Cannot export layer "${layerName}" (${className}) to ONNX: ${what}.`,
    { details: { layer: layerName, className } },
  );
}
