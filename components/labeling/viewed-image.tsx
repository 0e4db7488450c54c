"use client";

import { ImageViewer, type ImageViewerProps } from "@/components/labeling/image-viewer";
import { useView } from "@/components/labeling/labeling-session";

/**
 * The only subscriber to zoom and pan: a wheel or drag event changes the transform many times a
 * second, and re-renders just the viewer, not the candidate, decision and source panels.
 */
export function ViewedImage(props: Omit<ImageViewerProps, "view">) {
  const mode = useView((state) => state.mode);
  const transform = useView((state) => state.transform);
  return <ImageViewer {...props} view={{ mode, transform }} />;
}
