/**
 * UI state of the labeling screen: zoom/pan, overlays, the ambiguity-reason picking mode. Kept
 * apart from the decision store so that none of it is undoable or autosaved.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import {
  ZOOM_STEP,
  center,
  clampPan,
  fitScale,
  fitTransform,
  panBy,
  zoomBy,
  zoomTo,
  type Point,
  type Size,
  type Transform,
} from "@/lib/labeling/viewport";

/** fit: whole image visible (follows resizes); actual: 1 image pixel = 1 CSS pixel; free: user zoom. */
export type ZoomMode = "fit" | "actual" | "free";
export type Overlay = "help" | "search" | "skip" | null;

export interface ViewState {
  viewport: Size | null;
  image: Size | null;
  mode: ZoomMode;
  transform: Transform;
  overlay: Overlay;
  pickingAmbiguity: boolean;

  setViewport(size: Size): void;
  setImageSize(size: Size): void;
  zoomIn(anchor?: Point): void;
  zoomOut(anchor?: Point): void;
  zoomBy(factor: number, anchor?: Point): void;
  fit(): void;
  toggleFullResolution(): void;
  /** Double-click: from fit to 2× at the pointer, from anything else back to fit. */
  toggleZoomAt(anchor: Point): void;
  panBy(dx: number, dy: number): void;
  openOverlay(overlay: Exclude<Overlay, null>): void;
  toggleOverlay(overlay: Exclude<Overlay, null>): void;
  closeOverlay(): void;
  setPickingAmbiguity(picking: boolean): void;
}

export type ViewStore = StoreApi<ViewState>;

const IDENTITY: Transform = { scale: 1, x: 0, y: 0 };

export function createViewStore(): ViewStore {
  return createStore<ViewState>()((set, get) => {
    /** Recomputes the transform for the current mode; no-op until both sizes are known. */
    const layout = (mode: ZoomMode, transform: Transform, viewport: Size | null, image: Size | null) => {
      if (!viewport || !image) return { mode, transform };
      if (mode === "fit") return { mode, transform: fitTransform(viewport, image) };
      return { mode, transform: clampPan(transform, viewport, image) };
    };
    const withSizes = (change: (viewport: Size, image: Size, transform: Transform) => Partial<ViewState>) => {
      const { viewport, image, transform } = get();
      if (viewport && image) set(change(viewport, image, transform));
    };

    return {
      viewport: null,
      image: null,
      mode: "fit",
      transform: IDENTITY,
      overlay: null,
      pickingAmbiguity: false,

      setViewport: (viewport) => {
        const { mode, transform, image } = get();
        set({ viewport, ...layout(mode, transform, viewport, image) });
      },
      setImageSize: (image) => {
        const { mode, transform, viewport } = get();
        set({ image, ...layout(mode, transform, viewport, image) });
      },
      zoomBy: (factor, anchor) =>
        withSizes((viewport, image, transform) => ({
          mode: "free",
          transform: zoomBy(transform, factor, anchor ?? center(viewport), viewport, image),
        })),
      zoomIn: (anchor) => get().zoomBy(ZOOM_STEP, anchor),
      zoomOut: (anchor) => get().zoomBy(1 / ZOOM_STEP, anchor),
      fit: () => withSizes((viewport, image) => ({ mode: "fit", transform: fitTransform(viewport, image) })),
      toggleFullResolution: () =>
        withSizes((viewport, image, transform) =>
          get().mode === "actual"
            ? { mode: "fit", transform: fitTransform(viewport, image) }
            : { mode: "actual", transform: zoomTo(transform, 1, center(viewport), viewport, image) },
        ),
      toggleZoomAt: (anchor) =>
        withSizes((viewport, image, transform) =>
          get().mode === "fit"
            ? { mode: "free", transform: zoomTo(transform, Math.max(2, fitScale(viewport, image) * 2), anchor, viewport, image) }
            : { mode: "fit", transform: fitTransform(viewport, image) },
        ),
      panBy: (dx, dy) =>
        withSizes((viewport, image, transform) => ({ transform: panBy(transform, dx, dy, viewport, image) })),

      openOverlay: (overlay) => set({ overlay, pickingAmbiguity: false }),
      toggleOverlay: (overlay) => set({ overlay: get().overlay === overlay ? null : overlay, pickingAmbiguity: false }),
      closeOverlay: () => set({ overlay: null }),
      setPickingAmbiguity: (pickingAmbiguity) => set({ pickingAmbiguity }),
    };
  });
}
