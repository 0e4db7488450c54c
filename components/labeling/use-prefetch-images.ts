"use client";

import { useEffect } from "react";

// The last few images decoded ahead, held so their decoded pixels stay in memory until shown;
// bounded so a long session does not keep every image it ever prefetched.
const KEEP_DECODED = 12;
const decoded = new Map<string, HTMLImageElement>();

/**
 * Warms the browser cache with the next images so that "submit → next image" shows pixels at
 * once; decode() also takes decoding off the critical path. Downloads are not cancelled when the
 * list changes: the next list usually still contains them. Failures are ignored here — the viewer
 * reports them when the image is actually shown.
 */
export function usePrefetchImages(urls: readonly string[]): void {
  const key = urls.join("\n");
  useEffect(() => {
    if (!key) return;
    for (const url of key.split("\n")) {
      if (decoded.has(url)) continue;
      const image = new Image();
      image.decoding = "async";
      image.src = url;
      image.decode().then(() => {
        decoded.set(url, image);
        for (const old of decoded.keys()) if (decoded.size > KEEP_DECODED) decoded.delete(old);
      }, () => {});
    }
  }, [key]);
}

/**
 * The pixel size of an image already downloaded and decoded ahead, if it was: the viewer shows it
 * in its first frame instead of waiting a frame or two for its own load event.
 */
export function decodedSize(url: string): { width: number; height: number } | null {
  const image = decoded.get(url);
  return image ? { width: image.naturalWidth, height: image.naturalHeight } : null;
}
