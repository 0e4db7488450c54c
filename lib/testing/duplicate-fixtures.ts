/**
 * Derived copies of real images for testing (and shipping in the demo) the duplicate detector:
 * the augmentations the "Flaws of ImageNet" review found between ImageNet images.
 */
import sharp from "sharp";

export const DERIVATIONS = {
  resized: (image: Buffer) => sharp(image).resize({ width: 160 }).jpeg({ quality: 90 }).toBuffer(),
  cropped: async (image: Buffer) => {
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const [dx, dy] = [Math.round(width * 0.05), Math.round(height * 0.05)];
    return sharp(image).extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy }).jpeg({ quality: 90 }).toBuffer();
  },
  mirror: (image: Buffer) => sharp(image).flop().jpeg({ quality: 90 }).toBuffer(),
  recompressed: (image: Buffer) => sharp(image).jpeg({ quality: 25 }).toBuffer(),
  "colour-shifted": (image: Buffer) => sharp(image).modulate({ hue: 40, saturation: 1.3, brightness: 1.1 }).jpeg({ quality: 90 }).toBuffer(),
  overlay: async (image: Buffer) => {
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const [w, h] = [Math.round(width * 0.4), Math.round(height * 0.12)];
    const label = Buffer.from(
      `<svg width="${w}" height="${h}"><rect width="100%" height="100%" fill="#ffffff" fill-opacity="0.85"/>` +
        `<text x="8" y="${Math.round(h * 0.7)}" font-size="${Math.round(h * 0.6)}" font-family="sans-serif" fill="#c00000">© stock photo</text></svg>`,
    );
    return sharp(image).composite([{ input: label, left: Math.round(width * 0.05), top: Math.round(height * 0.82) }]).jpeg({ quality: 90 }).toBuffer();
  },
} satisfies Record<string, (image: Buffer) => Promise<Buffer>>;

export type Derivation = keyof typeof DERIVATIONS;

export const derivedFileName = (how: Derivation, original: string) => `derived-${how}-of-${original}`;

/** A small JPEG with a pattern of its own per seed (different seeds are not near duplicates). */
export async function syntheticPicture(seed: number): Promise<Buffer> {
  const [width, height] = [96, 64];
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const [x, y] = [i % width, Math.floor(i / width)];
    rgb[i * 3] = (x * seed * 7 + y * 3) % 256;
    rgb[i * 3 + 1] = ((x ^ y) * seed) % 256;
    rgb[i * 3 + 2] = x < width / (seed + 1) ? 255 : 0;
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}
