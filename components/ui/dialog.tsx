"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cx, focusRing } from "@/components/ui/class-names";

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  /** Hide the title visually (it still names the dialog for assistive technology). */
  hideTitle?: boolean;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}

/**
 * A modal on the native <dialog>. Mark the element that should get focus with `data-autofocus`.
 * The native element: showModal() gives the top layer, a focus trap, inert background
 * and an inert background. Escape and a click on the backdrop call onClose; the parent's `open`
 * stays the single source of truth (the native cancel is prevented and reported instead).
 */
export function Dialog({ open, onClose, title, hideTitle, description, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    if (!open) return;
    const dialog = ref.current;
    // Restored by hand: the element unmounts when closed, and removal does not return focus natively.
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element; React's autoFocus does not survive it.
    dialog?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={cx(
        "m-auto max-h-[85vh] w-[min(40rem,calc(100vw-2rem))] overflow-hidden rounded-xl bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-200 backdrop:bg-slate-900/40",
        className,
      )}
    >
      <div className="flex max-h-[85vh] flex-col">
        <div className={cx("flex items-start gap-3 px-5 pt-4", hideTitle && "sr-only")}>
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="mt-1 text-sm text-slate-600">
                {description}
              </p>
            ) : null}
          </div>
          {/* Also takes the initial focus unless an element inside carries data-autofocus. */}
          {hideTitle ? null : (
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className={cx("-mt-1 -mr-2 flex size-8 items-center justify-center rounded-md text-lg text-slate-500 hover:bg-slate-100 hover:text-slate-800", focusRing)}
            >
              <span aria-hidden>×</span>
            </button>
          )}
        </div>
        {children}
      </div>
    </dialog>
  );
}
