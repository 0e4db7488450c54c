"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { setCampaignStatusAction } from "@/lib/actions/campaigns";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";

export function CampaignStatusButton({ campaignId, status }: { campaignId: number; status: CampaignStatus }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const next = status === "ACTIVE" ? "CLOSED" : "ACTIVE";
  return (
    <Button
      variant={next === "CLOSED" ? "danger" : "primary"}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await setCampaignStatusAction({ campaignId, status: next });
        setPending(false);
        router.refresh();
      }}
    >
      {next === "CLOSED" ? "Close campaign" : status === "CLOSED" ? "Reopen campaign" : "Start campaign"}
    </Button>
  );
}
