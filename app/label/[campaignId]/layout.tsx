import type { ReactNode } from "react";
import { ClassCatalogProvider } from "@/components/labeling/class-catalog";

/** Spans every image of a campaign: what is built once per labeling session lives here. */
export default function CampaignLabelingLayout({ children }: { children: ReactNode }) {
  return <ClassCatalogProvider>{children}</ClassCatalogProvider>;
}
