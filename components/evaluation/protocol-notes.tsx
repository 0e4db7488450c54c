/** How each protocol counts, as the page states it (the same reading as lib/evaluation/protocols.ts). */
export function ProtocolNotes() {
  return (
    <section aria-labelledby="protocol-notes" className="space-y-2 text-sm text-slate-700">
      <h2 id="protocol-notes" className="text-lg font-semibold text-slate-900">
        How each protocol counts
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <strong>Original labels</strong>: the top-1 (top-5) prediction equals the image&apos;s original ImageNet label.
        </li>
        <li>
          <strong>ReaL</strong>: the top-1 prediction is in the image&apos;s ReaL set; images whose set is empty (no label fits) are left out.
        </li>
        <li>
          <strong>Multilabel</strong> (Shankar et al. / Vasudevan et al.): correct when the top-1 prediction is one of the proposed labels. Our reading of
          the <em>unclear</em> labels: a prediction there is not counted correct (the studies credit only confirmed labels), but such images are
          counted apart so the lenient figure can be read off. Problematic images are left out.
        </li>
        <li>
          <strong>Flaws of ImageNet clean set</strong>: only its images, correct when the top-1 is in the agreed label set.
        </li>
        <li>
          <strong>Consensus</strong> (a campaign&apos;s, the dataset-wide one, or a published consensus source): the top-1 is in the consensus set;
          ambiguous, excluded, not-in-ImageNet and undecided images are left out and counted.
        </li>
        <li>
          <strong>Near-synonyms merged</strong>: classes of a clusters.json group with code 5 (e.g. laptop/notebook) count as one, so a prediction of
          either member is correct. <strong>Problematic class groups</strong>: images whose original label is in any clusters.json group.
        </li>
        <li>
          <strong>Duplicates</strong> (the blog&apos;s columns): <strong>× Val</strong> removes all but one copy of each exact duplicate within
          validation; <strong>× Cross</strong> removes validation images that also appear in another split (train or test), since a model may have
          trained on them; <strong>× Val+Cross</strong> does both; <strong>× All</strong> applies both rules to near-duplicates too (augmentations,
          similar views). A group marked &quot;not a duplicate&quot; counts for none; one marked exact counts as exact.
        </li>
        <li>
          <strong>Top-5</strong> needs five predictions per image: a model whose file published fewer (cleanlab&apos;s cross-validated top-1) shows
          &quot;—&quot; instead of a top-5 equal to its top-1.
        </li>
        <li>A model without a prediction for an image is counted wrong on it.</li>
      </ul>
    </section>
  );
}
