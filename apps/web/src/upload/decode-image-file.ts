// Decodes an uploaded file to pixels as stored: no colour-profile conversion and no premultiplied
// alpha, so the browser sees the same pixels as the server's decoder.
import type { RecognitionInput } from '../recognition/recognition-types';

export async function decodeImageFile(file: Blob, name: string): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new Error(`“${name}” is not an image this browser can decode. Use a PNG, JPEG, WebP or GIF file.`);
  }
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** The server gets the original bytes; TF.js gets the decoded pixels. */
export function fileInput(file: Blob, imageData: ImageData): RecognitionInput {
  return { imageData, toBlob: () => Promise.resolve(file) };
}

export function imageFilesOf(list: FileList | readonly File[] | null | undefined): File[] {
  return Array.from(list ?? []).filter((file) => file.type.startsWith('image/'));
}
