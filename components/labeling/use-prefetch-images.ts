"use client";

import { useEffect } from "react";

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
      const image = new Image();
      image.decoding = "async";
      image.src = url;
      image.decode().catch(() => {});
    }
  }, [key]);
}
