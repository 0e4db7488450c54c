/**
 * What the browser keeps of an image's unsent work (localStorage), so that a fault — offline,
 * server down, a reload, a closed tab — never loses it: the draft until the server has saved it,
 * and a submit until the server has answered it. Keyed per user, campaign and image. Free of
 * React; the storage is injected so the logic is tested without a browser.
 */
import type { DraftContent } from "@/lib/validation/labeling";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface KeptSubmit {
  content: DraftContent;
  /** The same id on every resend: the server writes the decision once. */
  requestId: string;
  timeSpentMs: number;
  shownClasses: number[];
  shownSources: string[];
}

/** Why the server refused a submit for good, kept beside the draft until the annotator has seen it on that image's screen. */
export interface Refusal {
  error: string;
  fieldErrors?: Record<string, string[]>;
}

interface Kept {
  draft?: { content: DraftContent; revision: number };
  submit?: KeptSubmit;
  refusal?: Refusal;
}

export interface LocalOutbox {
  keptDraft(): DraftContent | null;
  keepDraft(content: DraftContent, revision: number): void;
  /** The server saved `revision`: forget the kept draft unless it is newer. */
  draftSaved(revision: number): void;
  keptSubmit(): KeptSubmit | null;
  keepSubmit(submit: KeptSubmit): void;
  /** The server refused the submit for good (campaign closed…): the draft stays, nothing is resent, and why is kept with it. */
  dropSubmit(refusal?: Refusal): void;
  keptRefusal(): Refusal | null;
  /** The server answered the submit (saved, or refused for good): nothing is left to send. */
  forget(): void;
}

export function outboxKey(userId: number, campaignId: number, imageId: number): string {
  return `${campaignPrefix(userId, campaignId)}${imageId}`;
}

const campaignPrefix = (userId: number, campaignId: number) => `relabel:unsent:v1:${userId}:${campaignId}:`;

/** A store whose keys can be listed, as localStorage's can. */
export interface ListableStore extends KeyValueStore {
  readonly length: number;
  key(index: number): string | null;
}

/**
 * Every submit this browser keeps for the user in the campaign, whichever image is on screen: the
 * screen moves on before the server answers, so a reload may land on another image than the
 * unanswered one. Oldest first is unknowable from storage; by image id keeps it stable.
 */
export function keptSubmits(store: ListableStore | null, userId: number, campaignId: number): { imageId: number; submit: KeptSubmit }[] {
  if (!store) return [];
  const prefix = campaignPrefix(userId, campaignId);
  const found: { imageId: number; submit: KeptSubmit }[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    const imageId = key?.startsWith(prefix) ? Number(key.slice(prefix.length)) : NaN;
    if (!Number.isInteger(imageId)) continue;
    const submit = createLocalOutbox(store, key!).keptSubmit();
    if (submit) found.push({ imageId, submit });
  }
  return found.sort((a, b) => a.imageId - b.imageId);
}

export function createLocalOutbox(store: KeyValueStore | null, key: string): LocalOutbox {
  const read = (): Kept => {
    try {
      const raw = store?.getItem(key);
      return raw ? (JSON.parse(raw) as Kept) : {};
    } catch {
      return {};
    }
  };
  const write = (kept: Kept) => {
    try {
      if (!kept.draft && !kept.submit) store?.removeItem(key);
      else store?.setItem(key, JSON.stringify(kept));
    } catch {
      // Storage full or disabled (private mode): the server copy is all there is, as before.
    }
  };
  return {
    keptDraft: () => read().submit?.content ?? read().draft?.content ?? null,
    keepDraft: (content, revision) => write({ ...read(), draft: { content, revision } }),
    draftSaved: (revision) => {
      const kept = read();
      if (kept.draft && kept.draft.revision <= revision) write({ ...kept, draft: undefined });
    },
    keptSubmit: () => read().submit ?? null,
    keepSubmit: (submit) => write({ ...read(), submit, refusal: undefined }),
    dropSubmit: (refusal) => {
      const kept = read();
      const draft = kept.draft ?? (kept.submit ? { content: kept.submit.content, revision: 0 } : undefined);
      write({ draft, refusal: draft ? refusal : undefined });
    },
    // A refusal alone is not work: it goes with the draft once the server has saved that.
    keptRefusal: () => read().refusal ?? null,
    forget: () => write({}),
  };
}

/** localStorage when the page may use it; null during server rendering or when it is blocked. */
export function browserStore(): ListableStore | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
