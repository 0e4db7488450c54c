"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { cx, focusRing } from "@/components/ui/class-names";

/**
 * "Admin" in the header: the link opens the overview, the arrow beside it discloses every admin
 * page (the disclosure pattern for site navigation, not an ARIA menu: links stay links, Tab moves
 * through them). Escape, a click elsewhere or focus leaving it closes the list.
 */
export function AdminMenu({ pages }: { pages: { href: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div
      ref={root}
      className="relative flex items-center"
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <Link href="/admin" className="text-slate-600 hover:text-slate-900">
        Admin
      </Link>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label="Admin pages"
        onClick={() => setOpen((value) => !value)}
        className={cx("ml-0.5 rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900", focusRing)}
      >
        <svg aria-hidden="true" viewBox="0 0 12 12" className={cx("h-3 w-3 transition-transform", open && "rotate-180")}>
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      <ul id={listId} hidden={!open} className="absolute left-0 top-full z-30 mt-3 w-48 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
        {pages.map((page) => (
          <li key={page.href}>
            <Link
              href={page.href}
              aria-current={pathname === page.href ? "page" : undefined}
              onClick={() => setOpen(false)}
              className={cx("block px-3 py-1.5 text-slate-700 hover:bg-slate-50 hover:text-slate-900", pathname === page.href && "font-medium text-indigo-700", focusRing)}
            >
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
