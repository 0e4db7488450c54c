import { createHash } from "node:crypto";
import { imageSize } from "image-size";
import { ImportError } from "../import-error";
import { VALIDATION_IMAGE_COUNT } from "./identifiers";

export const TEST_IMAGE_COUNT = 100_000;

export type ImageFileName =
  | { split: "val"; fileNumber: number }
  | { split: "test"; fileNumber: number }
  /** Training images: `<wnid>_<n>.JPEG`, n numbering the image within its class folder. */
  | { split: "train"; wnid: string; fileNumber: number }
  /** One-per-class sample images such as `n02443484_black-footed_ferret.JPEG`. */
  | { split: "sample"; wnid: string; name: string }
  /** A copy made from another file (`derived-mirror-of-ILSVRC2012_val_00000012.JPEG`), e.g. the demo's duplicates. */
  | { split: "derived"; how: string; of: Exclude<ImageFileName, { split: "derived" }> };

/** Identifies an ImageNet file by its base name (folders are ignored); null when it is none. */
export function parseImageFileName(path: string): ImageFileName | null {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const derived = /^derived-([a-z]+(?:-[a-z]+)*?)-of-(.+)$/.exec(name);
  if (derived) {
    const of = parseImageFileName(derived[2]!);
    return of && of.split !== "derived" ? { split: "derived", how: derived[1]!, of } : null;
  }
  let match = /^ILSVRC2012_(val|test)_(\d{8})\.JPEG$/.exec(name);
  if (match) {
    const fileNumber = Number(match[2]);
    const limit = match[1] === "val" ? VALIDATION_IMAGE_COUNT : TEST_IMAGE_COUNT;
    if (fileNumber < 1 || fileNumber > limit) return null;
    return { split: match[1] as "val" | "test", fileNumber };
  }
  match = /^(n\d{8})_(\d+)\.JPEG$/.exec(name);
  if (match) {
    const fileNumber = Number(match[2]);
    return Number.isSafeInteger(fileNumber) ? { split: "train", wnid: match[1]!, fileNumber } : null;
  }
  match = /^(n\d{8})_([^/\\]*[^\d/\\][^/\\]*)\.JPEG$/.exec(name);
  if (match) return { split: "sample", wnid: match[1]!, name: match[2]! };
  return null;
}

export interface ImageInfo {
  format: "jpeg" | "png" | "gif" | "webp";
  width: number;
  height: number;
  /** EXIF orientation 1..8 when the file states one (5..8 swap width and height on display). */
  orientation?: number;
  bytes: number;
  sha256: string;
}

function sniffFormat(b: Uint8Array): ImageInfo["format"] | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return "png";
  if (b.length >= 6 && /^GIF8[79]a$/.test(String.fromCharCode(...b.subarray(0, 6)))) return "gif";
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP") return "webp";
  return null;
}

/**
 * Size and fingerprint of an image file. The format comes from the magic bytes, not the name:
 * ImageNet has PNG and CMYK files named .JPEG, and anything that is no image is refused.
 */
export function readImageInfo(buffer: Uint8Array, file: string): ImageInfo {
  const format = sniffFormat(buffer);
  if (!format) throw new ImportError(file, "header", "This is not a JPEG, PNG, GIF or WebP image (unrecognized magic bytes).");
  let size: { width?: number; height?: number; orientation?: number };
  try {
    size = imageSize(buffer);
  } catch (error) {
    throw new ImportError(file, null, `The ${format.toUpperCase()} image is damaged or truncated: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const { width, height } = size;
  if (!width || !height) throw new ImportError(file, null, `The ${format.toUpperCase()} image has no readable dimensions.`);
  const info: ImageInfo = {
    format,
    width,
    height,
    bytes: buffer.byteLength,
    sha256: createHash("sha256").update(buffer).digest("hex"),
  };
  if (size.orientation !== undefined) info.orientation = size.orientation;
  return info;
}
