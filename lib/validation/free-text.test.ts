import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "@/lib/validation/audit";
import { applyGroupLabelSchema } from "@/lib/validation/duplicates";
import { resolveSchema } from "@/lib/validation/review";
import { createUserFormSchema } from "@/lib/validation/user";

// Found while auditing the schemas the action fuzzer reaches: these free-text fields were plain
// z.string(), so a NUL passed validation and PostgreSQL refused the write ("something went wrong").
describe("free text outside decisions is checked like decision text", () => {
  const exclude = (reason: string, notes = "") => ({ campaignId: 1, imageId: 1, expectedVersion: 0, resolution: { kind: "exclude", reason, notes } });

  it("refuses NUL and lone surrogates with a message that says where", () => {
    const refused = (result: { success: boolean; error?: { issues: { message: string }[] } }) => {
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toMatch(/control character|broken character/);
    };
    refused(resolveSchema.safeParse(exclude("a\u0000drawing")));
    refused(resolveSchema.safeParse(exclude("a drawing", "see \ud800")));
    refused(applyGroupLabelSchema.safeParse({ groupId: 1, classes: [3], note: "x\u0000", seenVersions: {} }));
    refused(createUserFormSchema.safeParse({ email: "a@b.test", name: "Ann\u0000", role: "ANNOTATOR" }));
  });

  it("keeps ordinary text, normalized", () => {
    expect(resolveSchema.parse(exclude("  cafe\u0301 drawing ")).resolution).toEqual({ kind: "exclude", reason: "café drawing", notes: "" });
    expect(createUserFormSchema.parse({ email: "a@b.test", name: " Ann ", role: "ANNOTATOR" }).name).toBe("Ann");
    // An unusable URL filter is dropped, not an error page.
    expect(auditFilterSchema.parse({ entityId: "7\u0000", user: " Ann@B.test " })).toMatchObject({ entityId: undefined, user: "ann@b.test" });
  });
});
