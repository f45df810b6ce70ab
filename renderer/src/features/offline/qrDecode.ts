/**
 * Reading QR codes in the page with jsQR (loaded on first use into its own chunk, so the main
 * bundle does not carry it). The pixels come from a canvas: a camera frame or an image file.
 */
type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
let decoder: Promise<Decoder> | null = null;

function loadDecoder(): Promise<Decoder> {
  decoder ??= import('jsqr').then((module) => module.default);
  return decoder;
}

/** The text of the QR code drawn on the canvas, or null when none is readable. */
export async function decodeCanvas(canvas: HTMLCanvasElement): Promise<string | null> {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context || canvas.width === 0 || canvas.height === 0) return null;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const decode = await loadDecoder();
  return decode(pixels.data, pixels.width, pixels.height)?.data ?? null;
}

/** The text of the QR code in a picture file, or null when the picture holds none. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  // A quiet border: a picture cropped tight to the code still has the white margin jsQR looks for.
  const margin = Math.round(Math.max(bitmap.width, bitmap.height) * 0.08);
  canvas.width = bitmap.width + 2 * margin;
  canvas.height = bitmap.height + 2 * margin;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, margin, margin);
  bitmap.close();
  return decodeCanvas(canvas);
}

/** A part of an animated code (BC-UR): the only texts worth sending on. */
export const isUrPart = (text: string): boolean => /^ur:/i.test(text.trim());
