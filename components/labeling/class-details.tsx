"use client";

import { useEffect, useState } from "react";
import type { ClassSummary } from "@/lib/labeling/types";

// Examples of a class do not change while the page is open; fetch each class once.
const examplesCache = new Map<string, Promise<{ id: number; url: string }[]>>();

function loadExamples(classIndex: number, campaignId: number, excludeImageId: number) {
  const key = `${campaignId}:${classIndex}:${excludeImageId}`;
  let pending = examplesCache.get(key);
  if (!pending) {
    // The campaign decides which examples may be shown (a blind pass shows no labeled ones).
    pending = fetch(`/api/classes/${classIndex}/examples?campaign=${campaignId}&exclude=${excludeImageId}`)
      .then((response) => (response.ok ? response.json() : { images: [] }))
      .then((body: { images: { id: number; url: string }[] }) => body.images)
      .catch(() => []);
    examplesCache.set(key, pending);
  }
  return pending;
}

/** What a class is: WordNet gloss and lemmas, the OpenAI and "Flaws" names, and other images of it. */
export function ClassDetails({ cls, campaignId, imageId }: { cls: ClassSummary; campaignId: number; imageId: number }) {
  const [examples, setExamples] = useState<{ id: number; url: string }[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadExamples(cls.index, campaignId, imageId).then((images) => live && setExamples(images));
    return () => {
      live = false;
    };
  }, [cls.index, campaignId, imageId]);

  const otherNames = [
    cls.lemmas.length > 1 ? `WordNet: ${cls.lemmas.join(", ")}` : null,
    cls.openaiName ? `OpenAI: ${cls.openaiName}` : null,
    cls.modifiedName ? `Flaws of ImageNet: ${cls.modifiedName}` : null,
  ].filter(Boolean);

  return (
    <div className="space-y-1.5 text-sm text-slate-600">
      {cls.gloss ? <p>{cls.gloss}</p> : null}
      {otherNames.length > 0 ? <p className="text-slate-500">{otherNames.join(" · ")}</p> : null}
      <p className="text-xs text-slate-500">
        {cls.wnid} · class {cls.index}
      </p>
      {examples && examples.length > 0 ? (
        <ul aria-label={`Other images of ${cls.name}`} className="flex gap-1.5 overflow-x-auto">
          {examples.map((example) => (
            <li key={example.id} className="shrink-0">
              <img src={example.url} alt={`Example of ${cls.name}`} loading="lazy" className="h-14 w-20 rounded object-cover ring-1 ring-slate-200" />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
