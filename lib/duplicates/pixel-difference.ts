/**
 * The pixels that differ between two images, as in the "Flaws of ImageNet" figure: b is scaled
 * to a's size, and |a − b| per channel is drawn, brightened 3× so small differences show.
 */
import sharp from "sharp";

export async function pixelDifference(a: Buffer, b: Buffer, maxWidth = 512): Promise<Buffer> {
  const first = sharp(a).rotate().removeAlpha().toColourspace("srgb");
  const { width = 1, height = 1 } = await sharp(a).rotate().metadata();
  const scale = Math.min(1, maxWidth / width);
  const [w, h] = [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
  const [pa, pb] = await Promise.all([
    first.resize(w, h, { fit: "fill" }).raw().toBuffer(),
    sharp(b).rotate().removeAlpha().toColourspace("srgb").resize(w, h, { fit: "fill" }).raw().toBuffer(),
  ]);
  const out = Buffer.alloc(pa.length);
  for (let i = 0; i < pa.length; i++) out[i] = Math.min(255, Math.abs(pa[i]! - pb[i]!) * 3);
  return sharp(out, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}
