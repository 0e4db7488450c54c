import type { ReactNode } from "react";

/** A section named by its heading, with an optional control (search box, download link) at the heading's right. */
export function TitledSection({ id, title, aside, children }: { id: string; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex items-center gap-4">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {aside && <div className="ml-auto">{aside}</div>}
      </div>
      {children}
    </section>
  );
}
