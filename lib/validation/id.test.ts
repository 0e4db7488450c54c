import { describe, expect, it } from "vitest";
import { campaignStatusSchema } from "@/lib/validation/campaign";
import { exportRefSchema } from "@/lib/validation/export";
import { MAX_ID } from "@/lib/validation/id";
import { imageRefSchema, skipImageSchema } from "@/lib/validation/labeling";
import { sendBackSchema } from "@/lib/validation/review";
import { userIdSchema } from "@/lib/validation/user";

// Found by the server-action fuzzer: an id past int4 passed the schemas and PostgreSQL answered
// "value out of range", which the user saw as "something went wrong" (skipImage, previousImage, sendBack).
describe("ids", () => {
  it("refuses an id past PostgreSQL's integer, with a clear message", () => {
    for (const schema of [imageRefSchema, sendBackSchema]) {
      const result = schema.safeParse({ campaignId: 1, imageId: 2147483648 });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toBe("No such id.");
    }
    expect(skipImageSchema.safeParse({ campaignId: 1, imageId: 2147483648, reason: "blurry" }).success).toBe(false);
    expect(campaignStatusSchema.safeParse({ campaignId: MAX_ID + 1, status: "ACTIVE" }).success).toBe(false);
    expect(userIdSchema.safeParse(String(MAX_ID + 1)).success).toBe(false);
    expect(exportRefSchema.safeParse({ exportId: "99999999999" }).success).toBe(false);
  });

  it("accepts the largest id", () => {
    expect(imageRefSchema.parse({ campaignId: 1, imageId: MAX_ID })).toEqual({ campaignId: 1, imageId: MAX_ID });
    expect(userIdSchema.parse(String(MAX_ID))).toBe(MAX_ID);
  });
});
