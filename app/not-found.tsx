import type { Metadata } from "next";
import { StatusPanel, statusLinkClass } from "@/components/ui/status-panel";

export const metadata: Metadata = { title: "Page not found" };

// Also the answer for an item that exists but is not the caller's, so the wording confirms nothing.
export default function NotFound() {
  return (
    <StatusPanel
      title="This page does not exist"
      actions={
        <a href="/" className={statusLinkClass}>
          Go to the home page
        </a>
      }
    >
      <p>The address may be mistyped, or what it pointed to has been removed or is not available to you.</p>
    </StatusPanel>
  );
}
