/**
 * Zoom and pan arithmetic for the image viewer, kept pure so it can be tested without a DOM.
 * A transform places the image's top-left corner at (x, y) in viewport pixels and draws each
 * image pixel `scale` CSS pixels wide.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Transform {
  scale: number;
  x: number;
  y: number;
}

export const MAX_SCALE = 16;
export const ZOOM_STEP = 1.25;

export function fitScale(viewport: Size, image: Size): number {
  if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return 1;
  return Math.min(viewport.width / image.width, viewport.height / image.height);
}

/** Zooming out stops at the fitted size (or 1:1 for images smaller than the viewport). */
export function minScale(viewport: Size, image: Size): number {
  return Math.min(fitScale(viewport, image), 1);
}

export function clampScale(scale: number, viewport: Size, image: Size): number {
  return Math.min(Math.max(scale, minScale(viewport, image)), Math.max(MAX_SCALE, fitScale(viewport, image)));
}

/** An axis smaller than the viewport is centred; a larger one may not leave a gap at either edge. */
export function clampPan(t: Transform, viewport: Size, image: Size): Transform {
  const axis = (offset: number, view: number, length: number) => {
    const drawn = length * t.scale;
    if (drawn <= view) return (view - drawn) / 2;
    return Math.min(0, Math.max(view - drawn, offset));
  };
  return { scale: t.scale, x: axis(t.x, viewport.width, image.width), y: axis(t.y, viewport.height, image.height) };
}

export function fitTransform(viewport: Size, image: Size): Transform {
  return clampPan({ scale: fitScale(viewport, image), x: 0, y: 0 }, viewport, image);
}

/** Scales to `scale` keeping the image point under `anchor` (viewport pixels) where it is. */
export function zoomTo(t: Transform, scale: number, anchor: Point, viewport: Size, image: Size): Transform {
  const next = clampScale(scale, viewport, image);
  const ratio = next / t.scale;
  return clampPan(
    { scale: next, x: anchor.x - (anchor.x - t.x) * ratio, y: anchor.y - (anchor.y - t.y) * ratio },
    viewport,
    image,
  );
}

export function zoomBy(t: Transform, factor: number, anchor: Point, viewport: Size, image: Size): Transform {
  return zoomTo(t, t.scale * factor, anchor, viewport, image);
}

export function panBy(t: Transform, dx: number, dy: number, viewport: Size, image: Size): Transform {
  return clampPan({ scale: t.scale, x: t.x + dx, y: t.y + dy }, viewport, image);
}

export function center(viewport: Size): Point {
  return { x: viewport.width / 2, y: viewport.height / 2 };
}

/** Wheel deltas come in pixels, lines or pages; one notch of a mouse wheel zooms by about 15%. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * 0.0015);
}
