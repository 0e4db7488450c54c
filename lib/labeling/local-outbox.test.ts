import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT } from "@/lib/labeling/decision-store";
import { createLocalOutbox, keptSubmits, outboxKey, type KeyValueStore, type ListableStore } from "@/lib/labeling/local-outbox";

function memoryStore(): ListableStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
  };
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

  it("keeps why a submit was refused beside its draft, until the draft is saved or submitted again", () => {
    const store = memoryStore();
    const outbox = createLocalOutbox(store, outboxKey(1, 2, 3));
    const submit = { content: draft("refused"), requestId: "r-1", timeSpentMs: 10, shownClasses: [3], shownSources: [] };
    outbox.keepSubmit(submit);
    outbox.dropSubmit({ error: "Your claim on this image expired" });
    const reloaded = createLocalOutbox(store, outboxKey(1, 2, 3));
    expect(reloaded.keptSubmit()).toBeNull();
    expect(reloaded.keptDraft()).toEqual(draft("refused"));
    expect(reloaded.keptRefusal()).toEqual({ error: "Your claim on this image expired" });
    reloaded.keepSubmit({ ...submit, requestId: "r-2" });
    expect(reloaded.keptRefusal()).toBeNull();
    reloaded.dropSubmit({ error: "closed" });
    reloaded.draftSaved(0);
    expect(store.data.size).toBe(0);
  });

  it("lists the submits kept for one user's campaign, whichever image they are for", () => {
    const store = memoryStore();
    const submit = (requestId: string) => ({ content: draft(requestId), requestId, timeSpentMs: 1, shownClasses: [], shownSources: [] });
    createLocalOutbox(store, outboxKey(1, 2, 30)).keepSubmit(submit("a"));
    createLocalOutbox(store, outboxKey(1, 2, 4)).keepSubmit(submit("b"));
    createLocalOutbox(store, outboxKey(1, 2, 5)).keepDraft(draft("only a draft"), 1);
    createLocalOutbox(store, outboxKey(1, 22, 6)).keepSubmit(submit("other campaign"));
    createLocalOutbox(store, outboxKey(7, 2, 8)).keepSubmit(submit("other user"));
    store.setItem("unrelated", "x");
    expect(keptSubmits(store, 1, 2).map(({ imageId, submit }) => [imageId, submit.requestId])).toEqual([[4, "b"], [30, "a"]]);
    expect(keptSubmits(null, 1, 2)).toEqual([]);
  });

  it("survives a broken or missing storage", () => {
    const broken: KeyValueStore = { getItem: () => "{not json", setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => {} };
    const outbox = createLocalOutbox(broken, "k");
    expect(outbox.keptDraft()).toBeNull();
    expect(() => outbox.keepDraft(draft("x"), 1)).not.toThrow();
    expect(createLocalOutbox(null, "k").keptSubmit()).toBeNull();
  });
});
