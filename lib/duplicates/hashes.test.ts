import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  DHASH_HEIGHT, DHASH_WIDTH, PHASH_SIZE, dhashOfGrid, fingerprintImage, hammingDistance, hashHex, mirrorGrid, phashOfGrid,
  toSigned64, toUnsigned64,
} from "@/lib/duplicates/hashes";

/** A fixed 64×48 picture: a diagonal gradient with a bright block at the upper left. */
async function fixedImage(): Promise<Buffer> {
  const width = 64;
  const height = 48;
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = x < 20 && y < 16;
      rgb[i] = block ? 250 : x * 3;
      rgb[i + 1] = block ? 240 : y * 4;
      rgb[i + 2] = block ? 30 : (x + y) * 2;
    }
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

describe("dhashOfGrid", () => {
  it("sets every bit for a left-to-right rising gradient and none for its mirror", () => {
    const grid = Array.from({ length: DHASH_WIDTH * DHASH_HEIGHT }, (_, i) => i % DHASH_WIDTH);
    expect(hashHex(dhashOfGrid(grid))).toBe("ffffffffffffffff");
    expect(hashHex(dhashOfGrid(mirrorGrid(grid, DHASH_WIDTH, DHASH_HEIGHT)))).toBe("0000000000000000");
  });

  it("refuses a grid of the wrong size", () => {
    expect(() => dhashOfGrid([1, 2, 3])).toThrow(/9×8/);
  });
});

describe("phashOfGrid", () => {
  it("reads the 8×8 low frequencies in row-major order against their median", () => {
    // Built by an inverse DCT from chosen coefficients k − 31.5 (k = 0..63, scaled by the DCT's
    // row norms), so the upper half of k is above the median: the low 32 bits are set.
    const norm = (f: number) => (f === 0 ? PHASH_SIZE : PHASH_SIZE / 2);
    const grid = new Float64Array(PHASH_SIZE * PHASH_SIZE);
    for (let v = 0; v < 8; v++) {
      for (let u = 0; u < 8; u++) {
        const c = (v * 8 + u - 31.5) / (norm(u) * norm(v));
        for (let y = 0; y < PHASH_SIZE; y++) {
          for (let x = 0; x < PHASH_SIZE; x++) {
            grid[y * PHASH_SIZE + x]! += c * Math.cos(((2 * x + 1) * u * Math.PI) / 64) * Math.cos(((2 * y + 1) * v * Math.PI) / 64);
          }
        }
      }
    }
    expect(hashHex(phashOfGrid(grid))).toBe("00000000ffffffff");
  });
});

describe("hammingDistance and the BIGINT representation", () => {
  it("counts differing bits across the sign bit", () => {
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(toSigned64(0x8000000000000001n), 1n)).toBe(1);
    expect(toUnsigned64(toSigned64(0xfedcba9876543210n))).toBe(0xfedcba9876543210n);
    expect(toSigned64(0xffffffffffffffffn)).toBe(-1n);
  });
});

describe("fingerprintImage", () => {
  it("gives pinned values for the fixed image (a change of algorithm must be deliberate)", async () => {
    const print = await fingerprintImage(await fixedImage());
    expect({ w: print.width, h: print.height, p: hashHex(print.phash), d: hashHex(print.dhash) }).toMatchInlineSnapshot(`
      {
        "d": "9f9f9fffffffffff",
        "h": 48,
        "p": "f171f1710e0e8cf1",
        "w": 64,
      }
    `);
    expect(print.pixelHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("matches a mirrored copy through the mirror hashes, and the same pixels in another format exactly", async () => {
    const original = await fingerprintImage(await fixedImage());
    const mirrored = await fingerprintImage(await sharp(await fixedImage()).flop().png().toBuffer());
    expect(hammingDistance(original.phashMirror, mirrored.phash)).toBeLessThanOrEqual(2);
    expect(hammingDistance(original.dhashMirror, mirrored.dhash)).toBeLessThanOrEqual(2);
    expect(hammingDistance(original.phash, mirrored.phash)).toBeGreaterThan(10);
    const webp = await fingerprintImage(await sharp(await fixedImage()).webp({ lossless: true }).toBuffer());
    expect(webp.pixelHash).toBe(original.pixelHash);
  });

  it("throws on bytes that are no image", async () => {
    await expect(fingerprintImage(Buffer.from("not an image"))).rejects.toThrow();
  });
});
