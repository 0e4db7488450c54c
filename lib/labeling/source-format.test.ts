import { describe, expect, it } from "vitest";
import { badgeDescription, badgeText, formatScore } from "@/lib/labeling/source-format";

describe("source formatting", () => {
  it("formats scores as percentages", () => {
    expect(formatScore(0.873)).toBe("87%");
    expect(formatScore(0.004)).toBe("0.4%");
    expect(formatScore(0)).toBe("0%");
    expect(formatScore(1)).toBe("100%");
  });

  it("gives badges short texts with model strength", () => {
    expect(badgeText({ source: "resnet50", title: "ResNet-50", kind: "MODEL", rank: 1, score: 0.87 })).toBe("resnet50 87%");
    expect(badgeText({ source: "alexnet", title: "AlexNet", kind: "MODEL", rank: 3 })).toBe("alexnet #3");
    expect(badgeText({ source: "alexnet", title: "AlexNet", kind: "MODEL", rank: 1 })).toBe("alexnet");
    expect(badgeText({ source: "real", title: "ReaL", kind: "STUDY" })).toBe("real");
    expect(badgeDescription({ source: "m", title: "Model", kind: "MODEL", rank: 2, score: 0.5 })).toBe("Model, rank 2, score 50%");
  });
});
