// A still from the live camera as a PNG `File`: lossless, so it then travels the same road as an
// uploaded file (decode → recognise in this tab, or the same bytes to the server) with no extra loss.

/** The frame on show in `video`, at the camera's own resolution. */
export async function captureFrame(video: HTMLVideoElement, capturedAt = new Date()): Promise<File> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (width === 0 || height === 0) {
    throw new Error(
      'The camera has not delivered a picture yet. Wait for the preview to appear and capture again.',
    );
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas, so it cannot capture from the camera.');
  ctx.drawImage(video, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The camera picture could not be encoded as PNG. Try capturing again.');
  return new File([blob], `camera ${timeOfDay(capturedAt)}.png`, { type: 'image/png' });
}

/** "14:03:27": enough to tell several captures apart on their cards. */
function timeOfDay(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
