"use client";

import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { Kbd } from "@/components/ui/kbd";
import { Spinner } from "@/components/ui/spinner";
import { decodedSize } from "@/components/labeling/use-prefetch-images";
import { wheelZoomFactor, type Point } from "@/lib/labeling/viewport";
import type { ViewState } from "@/lib/labeling/view-store";

export type ViewerActions = Pick<
  ViewState,
  "setViewport" | "setImageSize" | "zoomBy" | "zoomIn" | "zoomOut" | "fit" | "toggleFullResolution" | "toggleZoomAt" | "panBy"
>;

export interface ImageViewerProps {
  src: string;
  alt: string;
  /** Pixel size known from the server, so the image is laid out before it loads; the loaded size wins. */
  width: number | null;
  height: number | null;
  view: Pick<ViewState, "mode" | "transform">;
  /** Zoom commands, also used by the keyboard handler of the screen (the viewer listens to no keys itself). */
  actions: ViewerActions;
}

// From this zoom on, experts inspect pixels: show them as squares, not smoothed.
const PIXELATED_FROM = 3;

export function ImageViewer({ src, alt, width, height, view, actions }: ImageViewerProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const imageRef = useRef<HTMLImageElement>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(() => decodedSize(src));
  // An image decoded ahead is in memory: shown in the first frame, its load event only confirms it.
  const [state, setState] = useState<"loading" | "loaded" | "error">(() => (decodedSize(src) ? "loaded" : "loading"));
  const [attempt, setAttempt] = useState(0);
  const size = natural ?? (width && height ? { width, height } : null);

  useEffect(() => {
    if (width && height) actions.setImageSize({ width, height });
  }, [width, height, actions]);

  const loaded = (image: HTMLImageElement) => {
    setNatural({ width: image.naturalWidth, height: image.naturalHeight });
    actions.setImageSize({ width: image.naturalWidth, height: image.naturalHeight });
    setState("loaded");
  };

  // A cached image can finish loading before hydration attaches onLoad; catch it here.
  useEffect(() => {
    const image = imageRef.current;
    if (image?.complete && image.naturalWidth > 0) loaded(image);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount and retry
  }, [attempt]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) actions.setViewport({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(container);
    // React's onWheel is passive, so it cannot stop the page from scrolling: listen natively.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      actions.zoomBy(wheelZoomFactor(event.deltaY, event.deltaMode), pointIn(container, event));
    };
    container.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      observer.disconnect();
      container.removeEventListener("wheel", onWheel);
    };
  }, [actions]);

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
    setDragging(true);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const last = drag.current;
    if (!last || last.id !== event.pointerId) return;
    actions.panBy(event.clientX - last.x, event.clientY - last.y);
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
  };
  const endDrag = () => {
    drag.current = null;
    setDragging(false);
  };

  const { scale, x, y } = view.transform;
  return (
    <div className="relative h-full min-h-0 w-full overflow-hidden bg-slate-900">
      <div
        ref={containerRef}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onDoubleClick={(event) => containerRef.current && actions.toggleZoomAt(pointIn(containerRef.current, event))}
        className={cx("absolute inset-0 touch-none select-none", dragging ? "cursor-grabbing" : view.mode === "fit" ? "cursor-zoom-in" : "cursor-grab")}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- authenticated, unoptimized originals; next/image would resample them */}
        <img
          key={attempt}
          ref={imageRef}
          src={src}
          alt={alt}
          draggable={false}
          decoding="async"
          onLoad={(event) => loaded(event.currentTarget)}
          onError={() => setState("error")}
          style={{
            width: size?.width,
            height: size?.height,
            transform: `translate(${x}px, ${y}px) scale(${scale})`,
            imageRendering: scale >= PIXELATED_FROM ? "pixelated" : "auto",
          }}
          className={cx("absolute top-0 left-0 max-w-none origin-top-left", (state !== "loaded" || !size) && "invisible")}
        />
      </div>

      {state === "loading" ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center text-slate-300">
          <Spinner label="Loading image" className="size-8" />
        </div>
      ) : null}
      {state === "error" ? (
        <div role="alert" className="absolute inset-0 flex flex-col items-center justify-center gap-3 text-sm text-slate-200">
          <p>The image could not be loaded.</p>
          <Button
            onClick={() => {
              setState("loading");
              setAttempt((n) => n + 1);
            }}
          >
            Retry
          </Button>
        </div>
      ) : null}

      <div
        role="toolbar"
        aria-label="Zoom"
        className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1 rounded-lg whitespace-nowrap bg-white/95 p-1 shadow-lg ring-1 ring-slate-200"
      >
        <Button variant="ghost" size="sm" onClick={() => actions.zoomOut()} aria-label="Zoom out" title="Zoom out (−)">
          −
        </Button>
        <span className="w-14 text-center text-sm text-slate-700 tabular-nums" aria-label="Zoom level">
          {Math.round(scale * 100)}%
        </span>
        <Button variant="ghost" size="sm" onClick={() => actions.zoomIn()} aria-label="Zoom in" title="Zoom in (+)">
          +
        </Button>
        <Button variant="ghost" size="sm" onClick={actions.fit} aria-pressed={view.mode === "fit"} title="Fit (0)">
          Fit <Kbd aria-hidden>0</Kbd>
        </Button>
        <Button variant="ghost" size="sm" onClick={actions.toggleFullResolution} aria-pressed={view.mode === "actual"} title="Full resolution, 1:1 (F)">
          Full resolution <Kbd aria-hidden>F</Kbd>
        </Button>
        {size ? (
          <span className="border-l border-slate-200 px-2 text-sm text-slate-600 tabular-nums">
            {size.width} × {size.height} px
          </span>
        ) : null}
      </div>
    </div>
  );
}

function pointIn(container: HTMLElement, event: { clientX: number; clientY: number }): Point {
  const rect = container.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}
