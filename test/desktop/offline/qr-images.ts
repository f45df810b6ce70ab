import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads a QR picture the way the page does from a camera frame: raw RGBA pixels into jsQR. */
export function readQrImage(dataUrl: string): string {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}`);
  const png = PNG.sync.read(Buffer.from(match[1]!, 'base64'));
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  if (!code) throw new Error('no QR code found in the picture');
  return code.data;
}

/** Every frame's picture read back to its part text. */
export function readFrames(frames: readonly { image: string }[]): string[] {
  return frames.map((frame) => readQrImage(frame.image));
}
