import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LabelingWorkbench, type LabelingWorkbenchProps } from "@/components/labeling/labeling-workbench";
import { saveStateText } from "@/components/labeling/save-state";
import { ShortcutHelp } from "@/components/labeling/shortcut-help";
import { SAMPLE_CLASSES } from "@/lib/labeling/class-fixtures";
import { mergeCandidates } from "@/lib/labeling/candidates";
import { KEYMAP, describeBinding } from "@/lib/labeling/keymap";
import { REVIEW_KEYMAP, REVIEW_KEY_GROUPS } from "@/lib/review/review-keymap";
import type { LabelingItem, ModelPrediction, SourceVerdict } from "@/lib/labeling/types";

// Server-rendered markup is all this project can render without a DOM library: enough to check
// roles, names and pressed states that the Playwright specs rely on.

const verdicts: SourceVerdict[] = [
  { source: "original", title: "Original label", kind: "ORIGINAL", status: "LABELED", classes: [620], votes: null, details: null },
  { source: "real", title: "ReaL", kind: "STUDY", status: "LABELED", classes: [620, 681], votes: null, details: null },
  { source: "cleanlab", title: "Northcutt et al.", kind: "STUDY", status: "NO_CONSENSUS", classes: [], votes: { given: 2, guessed: 2 }, details: null },
];
const predictions: ModelPrediction[] = [{ source: "resnet50", title: "ResNet-50", classes: [681, 620], scores: [0.87, 0.1] }];

function item(overrides: Partial<LabelingItem> = {}): LabelingItem {
  return {
    campaignId: 1,
    image: { id: 7, fileKey: "ILSVRC2012_val_00000042.JPEG", width: 500, height: 375, url: "/api/images/7" },
    verdicts,
    predictions,
    hints: [],
    candidates: mergeCandidates(verdicts, predictions, []),
    saved: null,
    draft: { classes: [681], ambiguity: null, candidateClasses: [], outsideLabels: ["vole"], notes: "" },
    ...overrides,
  };
}

const noop = async () => {};
function render(overrides: Partial<LabelingWorkbenchProps> = {}) {
  return renderToStaticMarkup(
    <LabelingWorkbench
      item={item()}
      classes={SAMPLE_CLASSES}
      vocabulary={["vole", "tayra"]}
      campaignName="Laptops vs notebooks"
      progress={{ done: 12, total: 500 }}
      onSaveDraft={noop}
      onSubmit={async () => ({ ok: true })}
      onPrevious={() => {}}
      onSkip={noop}
      {...overrides}
    />,
  );
}

describe("LabelingWorkbench markup", () => {
  const html = render();

  it("names the image in a heading and a region", () => {
    expect(html).toMatch(/<h1[^>]*>ILSVRC2012_val_00000042.JPEG<\/h1>/);
    expect(html).toContain('aria-label="Image ILSVRC2012_val_00000042.JPEG"');
    expect(html).toContain("500 × 375 px");
  });

  it("numbers candidates and presses the draft's classes", () => {
    const buttons = [...html.matchAll(/<button[^>]*aria-pressed="(true|false)"[^>]*>(.*?)<\/button>/g)];
    const candidates = buttons.filter(([, , inner]) => inner!.includes("laptop") || inner!.includes("notebook"));
    expect(candidates.map(([, pressed, inner]) => [pressed, inner!.includes("laptop") ? "laptop" : "notebook"])).toEqual([
      ["false", "laptop"],
      ["true", "notebook"],
    ]);
  });

  it("shows source badges, model scores and the problematic-group warning", () => {
    expect(html).toContain("resnet50 87%");
    expect(html).toContain("Often confused with notebook (near-synonyms)");
    expect(html).toContain("No consensus");
  });

  it("offers the ambiguity reasons as a radio group and the decision's actions", () => {
    expect(html).toContain('role="radiogroup"');
    expect(html).toContain("Several classes possible");
    expect(html).toMatch(/<button[^>]*>.*?Submit/);
    expect(html).toContain('aria-label="Remove vole"');
    expect(html).toContain('role="progressbar"');
  });

  it("explains an empty candidate list", () => {
    const blind = render({ item: item({ verdicts: [], predictions: [], candidates: [] }) });
    expect(blind).toContain("No source proposes a class");
    expect(blind).toContain("blind campaign");
  });
});

describe("ShortcutHelp", () => {
  it("renders every binding of the keymap", () => {
    const help = renderToStaticMarkup(<ShortcutHelp open onClose={() => {}} classCount={1000} />);
    for (const binding of KEYMAP) expect(help).toContain(describeBinding(binding.description, 1000).replaceAll("&", "&amp;"));
  });

  it("names the taxonomy's real number of classes, not ImageNet's", () => {
    const help = renderToStaticMarkup(<ShortcutHelp open onClose={() => {}} classCount={1234} />);
    expect(help).toContain("Search all 1,234 classes by name, wnid or index");
    const review = renderToStaticMarkup(<ShortcutHelp open onClose={() => {}} keymap={REVIEW_KEYMAP} groups={REVIEW_KEY_GROUPS} classCount={37} />);
    expect(review).toContain("search all 37 classes and add one");
    expect(help + review).not.toContain("1,000");
  });
});

describe("saveStateText", () => {
  it("says what the autosaver is doing", () => {
    expect(saveStateText({ status: "saved", dirty: false })).toBe("Saved");
    expect(saveStateText({ status: "idle", dirty: false })).toBe("Saved");
    expect(saveStateText({ status: "pending", dirty: true })).toBe("Unsaved changes");
    expect(saveStateText({ status: "saving", dirty: true })).toBe("Saving…");
    expect(saveStateText({ status: "error", dirty: true })).toBe("Save failed — retrying");
  });

  it("never reads Saved while this image's submit failed, however far the draft got", () => {
    for (const status of ["idle", "saved", "saving", "pending"] as const) {
      expect(saveStateText({ status, dirty: false, submitFailed: true })).toBe("Not saved");
    }
    expect(saveStateText({ status: "saved", dirty: false, sending: 1, submitFailed: true })).toBe("Not saved");
  });

  it("marks text the server would refuse beside its field, and says the draft is not saved", () => {
    const withNul = render({ item: item({ draft: { classes: [681], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "fox\u0000" } }) });
    expect(withNul).toMatch(/invisible control character \(U\+0000\) in the notes at position 4/);
    expect(saveStateText({ status: "invalid", dirty: true })).toBe("Not saved — fix the marked field");
  });
});
