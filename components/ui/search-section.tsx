import type { ReactNode } from "react";
import { TitledSection } from "@/components/ui/titled-section";

interface Props {
  id: string;
  title: string;
  /** The search parameter the GET form sets: the query lives in the URL. */
  param: string;
  query: string;
  label: string;
  placeholder: string;
  /** How many result rows `children` holds. */
  count: number;
  /** Shown when there is no result; without it nothing is. */
  empty?: string;
  /** The result rows, `<li>` elements. */
  children: ReactNode;
}

/** A titled section with a search box at its right and its results below. */
export function SearchSection({ id, title, param, query, label, placeholder, count, empty, children }: Props) {
  return (
    <TitledSection
      id={id}
      title={title}
      aside={
        <form role="search">
          <input
            name={param}
            defaultValue={query}
            aria-label={label}
            placeholder={placeholder}
            className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-100"
          />
        </form>
      }
    >
      {count > 0 ? <ul className="divide-y divide-slate-100 rounded-lg bg-white text-sm ring-1 ring-slate-200">{children}</ul> : empty && <p className="text-sm text-slate-600">{empty}</p>}
    </TitledSection>
  );
}
