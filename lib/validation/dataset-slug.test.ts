import { describe, expect, it } from "vitest";
import { newCampaignSchema } from "@/lib/validation/campaign";
import { exportRequestSchema } from "@/lib/validation/export";

// Found by the server-action fuzzer: a dataset name with a NUL passed `z.string()` and PostgreSQL
// refused the lookup, which the admin saw as "something went wrong" (campaign preview and creation, export).
describe("dataset names in requests", () => {
  const campaign = { name: "C", dataset: "imagenet-val", selection: { rule: { kind: "all" } }, annotatorsPerImage: 1, showPriorLabels: true, memberIds: [] };

  it("are slugs: a NUL, a lone surrogate or anything past the slug alphabet is refused with the slug rule", () => {
    for (const dataset of ["a\u0000b", "x\udfffy", "Imagenet Val", "../x"]) {
      const created = newCampaignSchema.safeParse({ ...campaign, dataset });
      expect(created.success).toBe(false);
      expect(created.error!.issues[0]!.message).toMatch(/lower-case letters, digits and dashes/);
      expect(exportRequestSchema.safeParse({ format: "csv", dataset }).success).toBe(false);
    }
  });

  it("accept the slugs datasets are created with", () => {
    expect(newCampaignSchema.parse(campaign).dataset).toBe("imagenet-val");
    expect(exportRequestSchema.parse({ format: "csv", dataset: " imagenet-samples " }).dataset).toBe("imagenet-samples");
  });
});
