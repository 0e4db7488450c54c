import { describe, expect, it } from "vitest";
import { MAX_SCALE, clampPan, fitTransform, panBy, wheelZoomFactor, zoomBy, zoomTo } from "@/lib/labeling/viewport";

const viewport = { width: 800, height: 600 };
const image = { width: 400, height: 400 };

describe("viewport math", () => {
  it("fits and centres the image", () => {
    expect(fitTransform(viewport, image)).toEqual({ scale: 1.5, x: 100, y: 0 });
    expect(fitTransform(viewport, { width: 1600, height: 300 })).toEqual({ scale: 0.5, x: 0, y: 225 });
  });

  it("keeps the image point under the cursor fixed while zooming", () => {
    const start = { scale: 2, x: -100, y: -100 };
    const anchor = { x: 300, y: 200 };
    const next = zoomTo(start, 4, anchor, viewport, image);
    const before = { x: (anchor.x - start.x) / start.scale, y: (anchor.y - start.y) / start.scale };
    const after = { x: (anchor.x - next.x) / next.scale, y: (anchor.y - next.y) / next.scale };
    expect(after).toEqual(before);
  });

  it("limits zoom to between fit (or 1:1) and the maximum", () => {
    const fit = fitTransform(viewport, image);
    expect(zoomBy(fit, 0.1, { x: 0, y: 0 }, viewport, image).scale).toBe(1);
    expect(zoomBy(fit, 1000, { x: 0, y: 0 }, viewport, image).scale).toBe(MAX_SCALE);
  });

  it("never pans the image away from the viewport edges", () => {
    const zoomed = { scale: 4, x: -200, y: -200 };
    expect(panBy(zoomed, 500, 500, viewport, image)).toEqual({ scale: 4, x: 0, y: 0 });
    expect(panBy(zoomed, -5000, -5000, viewport, image)).toEqual({ scale: 4, x: 800 - 1600, y: 600 - 1600 });
    expect(clampPan({ scale: 1, x: 37, y: -12 }, viewport, image)).toEqual({ scale: 1, x: 200, y: 100 });
  });

  it("zooms in for wheel up and out for wheel down, whatever the delta unit", () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(3, 1)).toBeLessThan(1);
    expect(wheelZoomFactor(3, 1)).toBeCloseTo(wheelZoomFactor(48, 0));
  });
});
