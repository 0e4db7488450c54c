/**
 * What the browser keeps of an image's unsent work (localStorage), so that a fault — offline,
 * server down, a reload, a closed tab — never loses it: the draft until the server has saved it,
 * and a submit until the server has answered it. Keyed per user, campaign and image. Free of
 * React; the storage is injected so the logic is tested without a browser.
 */
import type { DraftContent } from "@/lib/labeling/types";

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

interface Kept {
  draft?: { content: DraftContent; revision: number };
  submit?: KeptSubmit;
}

export interface LocalOutbox {
  keptDraft(): DraftContent | null;
  keepDraft(content: DraftContent, revision: number): void;
  /** The server saved `revision`: forget the kept draft unless it is newer. */
  draftSaved(revision: number): void;
  keptSubmit(): KeptSubmit | null;
  keepSubmit(submit: KeptSubmit): void;
  /** The server refused the submit for good (campaign closed…): the draft stays, nothing is resent. */
  dropSubmit(): void;
  /** The server answered the submit (saved, or refused for good): nothing is left to send. */
  forget(): void;
}

export function outboxKey(userId: number, campaignId: number, imageId: number): string {
  return `relabel:unsent:v1:${userId}:${campaignId}:${imageId}`;
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
    keepSubmit: (submit) => write({ ...read(), submit }),
    dropSubmit: () => {
      const kept = read();
      write({ draft: kept.draft ?? (kept.submit ? { content: kept.submit.content, revision: 0 } : undefined) });
    },
    forget: () => write({}),
  };
}

/** localStorage when the page may use it; null during server rendering or when it is blocked. */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
