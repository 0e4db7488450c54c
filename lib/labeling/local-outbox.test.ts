import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT } from "@/lib/labeling/decision-store";
import { createLocalOutbox, outboxKey, type KeyValueStore } from "@/lib/labeling/local-outbox";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const draft = (notes: string) => ({ ...EMPTY_DRAFT, classes: [3], notes });

describe("local outbox", () => {
  it("keeps a draft per user, campaign and image until the server saved that revision", () => {
    const store = memoryStore();
    const mine = createLocalOutbox(store, outboxKey(1, 2, 3));
    mine.keepDraft(draft("offline edit"), 5);
    expect(createLocalOutbox(store, outboxKey(1, 2, 3)).keptDraft()).toEqual(draft("offline edit"));
    expect(createLocalOutbox(store, outboxKey(9, 2, 3)).keptDraft()).toBeNull();
    expect(createLocalOutbox(store, outboxKey(1, 2, 4)).keptDraft()).toBeNull();
    mine.draftSaved(4);
    expect(mine.keptDraft()).not.toBeNull();
    mine.draftSaved(5);
    expect(mine.keptDraft()).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it("keeps a submit with its request id until it is answered, and its content wins over the draft", () => {
    const store = memoryStore();
    const outbox = createLocalOutbox(store, outboxKey(1, 2, 3));
    outbox.keepDraft(draft("older"), 1);
    const submit = { content: draft("sent"), requestId: "r-1", timeSpentMs: 10, shownClasses: [3], shownSources: [] };
    outbox.keepSubmit(submit);
    const reloaded = createLocalOutbox(store, outboxKey(1, 2, 3));
    expect(reloaded.keptSubmit()).toEqual(submit);
    expect(reloaded.keptDraft()).toEqual(draft("sent"));
    reloaded.forget();
    expect(outbox.keptSubmit()).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it("survives a broken or missing storage", () => {
    const broken: KeyValueStore = { getItem: () => "{not json", setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => {} };
    const outbox = createLocalOutbox(broken, "k");
    expect(outbox.keptDraft()).toBeNull();
    expect(() => outbox.keepDraft(draft("x"), 1)).not.toThrow();
    expect(createLocalOutbox(null, "k").keptSubmit()).toBeNull();
  });
});
