// "What the model sees": the preprocessed input, enlarged with crisp pixels.
import { useEffect, useRef } from 'react';
import type { ModelInputImage } from '../recognition/recognition-types';

function paintPixels(canvas: HTMLCanvasElement, image: Extract<ModelInputImage, { kind: 'pixels' }>): void {
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const rgba = new ImageData(image.width, image.height);
  for (let i = 0; i < image.width * image.height; i += 1) {
    for (let c = 0; c < 3; c += 1) {
      const value = image.pixels[i * image.channels + (image.channels === 1 ? 0 : c)];
      rgba.data[i * 4 + c] = Math.round(Math.min(1, Math.max(0, value)) * 255);
    }
    rgba.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(rgba, 0, 0);
}

interface ModelInputPreviewProps {
  readonly image: ModelInputImage | undefined;
  readonly size?: 'large' | 'small';
}

export function ModelInputPreview({ image, size = 'large' }: ModelInputPreviewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (image?.kind === 'pixels' && canvasRef.current) paintPixels(canvasRef.current, image);
  }, [image]);

  const description = 'What the model sees: the preprocessed input image';
  return (
    <figure className={`model-input ${size}`}>
      {image?.kind === 'url' ? (
        <img src={image.url} alt={description} className="model-input-image" />
      ) : image?.kind === 'pixels' ? (
        <canvas ref={canvasRef} role="img" aria-label={description} className="model-input-image" />
      ) : (
        <div
          className="model-input-image placeholder"
          role="img"
          aria-label={`${description} (nothing yet)`}
        />
      )}
      {size === 'large' && <figcaption>What the model sees</figcaption>}
    </figure>
  );
}
