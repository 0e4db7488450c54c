"use client";

import { ErrorPanel } from "@/components/layout/error-panel";
import "./globals.css";

// Replaces the root layout when the layout itself fails, so it brings its own document and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Something went wrong · Relabel</title>
        <ErrorPanel error={error} retry={retry} />
      </body>
    </html>
  );
}
