"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cancelImportAction } from "@/lib/actions/imports";

export function CancelImportButton({ jobId }: { jobId: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      size="sm"
      variant="danger"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await cancelImportAction({ jobId });
        router.refresh();
      }}
    >
      Cancel
    </Button>
  );
}
