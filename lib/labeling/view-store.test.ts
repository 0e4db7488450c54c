import { describe, expect, it } from "vitest";
import { createViewStore } from "@/lib/labeling/view-store";

const ready = () => {
  const store = createViewStore();
  store.getState().setViewport({ width: 800, height: 600 });
  store.getState().setImageSize({ width: 400, height: 300 });
  return store;
};

describe("view store", () => {
  it("fits by default and follows resizes while fitted", () => {
    const store = ready();
    expect(store.getState()).toMatchObject({ mode: "fit", transform: { scale: 2, x: 0, y: 0 } });
    store.getState().setViewport({ width: 400, height: 600 });
    expect(store.getState().transform).toEqual({ scale: 1, x: 0, y: 150 });
  });

  it("ignores zoom commands until the sizes are known", () => {
    const store = createViewStore();
    store.getState().zoomIn();
    expect(store.getState()).toMatchObject({ mode: "fit", transform: { scale: 1, x: 0, y: 0 } });
  });

  it("zooms in and out around the centre and fits again", () => {
    const store = ready();
    store.getState().zoomIn();
    expect(store.getState().mode).toBe("free");
    expect(store.getState().transform.scale).toBeCloseTo(2.5);
    store.getState().zoomOut();
    expect(store.getState().transform.scale).toBeCloseTo(2);
    store.getState().fit();
    expect(store.getState()).toMatchObject({ mode: "fit", transform: { scale: 2 } });
  });

  it("toggles full resolution (1:1) and back to fit", () => {
    const store = ready();
    store.getState().toggleFullResolution();
    expect(store.getState()).toMatchObject({ mode: "actual", transform: { scale: 1, x: 200, y: 150 } });
    store.getState().toggleFullResolution();
    expect(store.getState()).toMatchObject({ mode: "fit", transform: { scale: 2 } });
  });

  it("double-click zooms to at least 2× at the pointer, then fits", () => {
    const store = ready();
    store.getState().toggleZoomAt({ x: 100, y: 100 });
    expect(store.getState()).toMatchObject({ mode: "free", transform: { scale: 4 } });
    store.getState().panBy(-50, 0);
    store.getState().toggleZoomAt({ x: 100, y: 100 });
    expect(store.getState()).toMatchObject({ mode: "fit", transform: { scale: 2, x: 0, y: 0 } });
  });

  it("opens one overlay at a time and leaves the ambiguity picker when one opens", () => {
    const store = ready();
    store.getState().setPickingAmbiguity(true);
    store.getState().toggleOverlay("help");
    expect(store.getState()).toMatchObject({ overlay: "help", pickingAmbiguity: false });
    store.getState().openOverlay("search");
    expect(store.getState().overlay).toBe("search");
    store.getState().toggleOverlay("search");
    expect(store.getState().overlay).toBeNull();
  });
});
