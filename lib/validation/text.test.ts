import { describe, expect, it } from "vitest";
import { cleanText, vocabularyKey } from "@/lib/validation/text";
import { decisionContentSchema } from "@/lib/validation/decision";
import { newCampaignSchema } from "@/lib/validation/campaign";
import { saveDraftSchema, skipImageSchema } from "@/lib/validation/labeling";

const notes = cleanText({ field: "the notes", max: 50 });

describe("cleanText", () => {
  it("refuses NUL and other control characters, saying where they are", () => {
    const result = notes.safeParse("fox\u0000 on snow");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/invisible control character \(U\+0000\) in the notes at position 4/);
    expect(notes.safeParse("bell\u0007").success).toBe(false);
    expect(notes.safeParse("del\u007f").success).toBe(false);
  });

  it("keeps tabs and line breaks", () => {
    expect(notes.parse("a\tb\nc\r\nd")).toBe("a\tb\nc\r\nd");
  });

  it("refuses a lone surrogate but keeps a paired one (emoji)", () => {
    expect(notes.safeParse("bad \ud83d here").success).toBe(false);
    expect(notes.safeParse("bad \ude00").success).toBe(false);
    expect(notes.parse("fox 🦊")).toBe("fox 🦊");
  });

  it("normalizes to NFC, so the same text is stored one way", () => {
    expect(notes.parse("cafe\u0301")).toBe("caf\u00e9");
  });

  it("trims and enforces the length unless told otherwise", () => {
    expect(cleanText({ field: "Name", max: 5, min: 1 }).safeParse("  ").success).toBe(false);
    expect(cleanText({ field: "Name", max: 5 }).safeParse("toolong").success).toBe(false);
    expect(cleanText({ field: "Notes", max: 10, trim: false }).parse(" a ")).toBe(" a ");
  });
});

describe("vocabularyKey", () => {
  it("folds look-alike spellings of one label together", () => {
    const key = vocabularyKey("Domestic Ferret");
    expect(vocabularyKey("  domestic   ferret ")).toBe(key);
    expect(vocabularyKey("ＤＯＭＥＳＴＩＣ ferret")).toBe(key);
    expect(vocabularyKey("domestic\u00a0ferret")).toBe(key);
    expect(vocabularyKey("domestic ferrets")).not.toBe(key);
  });
});

describe("every free-text field refuses NUL", () => {
  const content = { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" };
  it("decisions, drafts, skip reasons and campaigns", () => {
    expect(decisionContentSchema.safeParse({ ...content, notes: "a\u0000" }).success).toBe(false);
    expect(decisionContentSchema.safeParse({ ...content, outsideLabels: ["vo\u0000le"] }).success).toBe(false);
    expect(saveDraftSchema.safeParse({ campaignId: 1, imageId: 1, content: { ...content, notes: "\u0000" } }).success).toBe(false);
    expect(saveDraftSchema.safeParse({ campaignId: 1, imageId: 1, content: { ...content, outsideLabels: ["\ud800"] } }).success).toBe(false);
    expect(skipImageSchema.safeParse({ campaignId: 1, imageId: 1, reason: "blur\u0000" }).success).toBe(false);
    const campaign = { dataset: "d", selection: { rule: { kind: "all" } }, annotatorsPerImage: 1, showPriorLabels: true, memberIds: [] };
    expect(newCampaignSchema.safeParse({ ...campaign, name: "A\u0000" }).success).toBe(false);
    expect(newCampaignSchema.safeParse({ ...campaign, name: "A", instructions: "\u0000" }).success).toBe(false);
    expect(newCampaignSchema.safeParse({ ...campaign, name: "A", instructions: "Look closely" }).success).toBe(true);
  });

  it("folds look-alike outside labels of one decision into one", () => {
    const parsed = decisionContentSchema.parse({ ...content, outsideLabels: ["Vole", "ＶＯＬＥ", " vole "] });
    expect(parsed.outsideLabels).toEqual(["vole"]);
  });
});
