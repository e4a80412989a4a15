import sharp from 'sharp';

/** A digit-like drawing: dark stroke on white, `size`×`size`, as PNG bytes. */
export async function drawingPng(size = 280, seed = 1): Promise<Buffer> {
  const x = 40 + ((seed * 37) % 120);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="100%" height="100%" fill="white"/>
    <path d="M ${x} 40 L ${x + 60} 140 L ${x - 10 + (seed % 50)} 240" stroke="black" stroke-width="${12 + (seed % 9)}" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function blankPng(size = 64): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
}

export function dataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
