import type { Metadata } from "next";
import Link from "next/link";
import { AnalyticsPicker } from "@/components/analytics/analytics-picker";
import { ClassReportView, GroupReportView } from "@/components/analytics/class-report-view";
import { ConfusionHeatmap } from "@/components/analytics/confusion-heatmap";
import { CsvLink } from "@/components/analytics/csv-link";
import { OverlapView } from "@/components/analytics/overlap-view";
import { ThroughputView } from "@/components/analytics/throughput-view";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePagePermission } from "@/lib/auth/session";
import { getClassNames, getClassReport, getConfusion, getGroupReport, getOverlap, getThroughput, listAnalyticsSources, readAnalyticsQuery } from "@/lib/data/analytics";
import { getDatasetId } from "@/lib/data/datasets";
import { DEFAULT_DATASET } from "@/lib/datasets";

export const metadata: Metadata = { title: "Analytics" };

function Section({ id, title, chart, params, children }: { id: string; title: string; chart: string; params?: Record<string, string>; children: React.ReactNode }) {
  return (
    <TitledSection id={id} title={title} aside={<CsvLink chart={chart} what={title.toLowerCase()} params={params} />}>
      {children}
    </TitledSection>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">{children}</p>;
}

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("data:export");
  const datasetId = await getDatasetId(DEFAULT_DATASET);
  if (datasetId === null) {
    return (
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
        <Empty>
          No dataset yet. Import one on the <Link href="/admin/imports" className="text-blue-700 underline">Imports page</Link> or with{" "}
          <code>npm run relabel -- import imagenet FOLDER</code>.
        </Empty>
      </main>
    );
  }
  const sources = await listAnalyticsSources(datasetId);
  const q = readAnalyticsQuery(await searchParams, sources);
  const state = { source: q.source, classes: q.classes.join(","), csource: q.confusionSource, cclasses: q.confusionClasses.join(",") };
  const [overlap, classRows, groups, confusion, throughput, names] = await Promise.all([
    getOverlap(DEFAULT_DATASET),
    getClassReport(datasetId, q.source, q.classes),
    getGroupReport(datasetId, q.source),
    getConfusion(datasetId, q.confusionSource, q.confusionClasses),
    getThroughput(datasetId),
    getClassNames(),
  ]);
  const title = (name: string) => sources.find((s) => s.name === name)?.title ?? name;
  return (
    <main className="mx-auto max-w-6xl space-y-10 px-4 py-8">
      <div className="flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
        <Link href="/admin/evaluation" className="ml-auto text-sm text-blue-700 underline">
          Evaluation
        </Link>
      </div>

      <Section id="overlap" title="Prior-study overlap" chart="overlap">
        {overlap && overlap.studies.some((s) => s.imagesCovered > 0) ? (
          <OverlapView overlap={overlap} />
        ) : (
          <Empty>No label study imported yet: import ReaL, multilabel, Tsipras (finegrained.csv) or Northcutt et al. on the Imports page.</Empty>
        )}
      </Section>

      <Section id="classes" title="Per class: is the original label confirmed?" chart="classes" params={state}>
        {sources.length === 0 ? (
          <Empty>No label source yet: import a study, an expert file (e.g. the weasel-family experts) or predictions on the Imports page.</Empty>
        ) : (
          <>
            <AnalyticsPicker label="Per-class report" sources={sources} sourceParam="source" classesParam="classes" source={q.source} classes={q.classes} keep={{ csource: state.csource, cclasses: state.cclasses }} />
            <p className="text-sm text-slate-600">Source: {title(q.source)}.</p>
            <ClassReportView rows={classRows} names={names} />
            <h3 className="pt-2 font-semibold">Per class group (clusters.json), least confirmed first</h3>
            {groups.length > 0 ? <GroupReportView groups={groups} names={names} /> : <Empty>No class groups with images here: import clusters.json (kind clusters).</Empty>}
          </>
        )}
      </Section>

      <Section id="confusion" title="Confusion: original label against a source or model" chart="confusion" params={state}>
        {confusion && sources.length > 0 ? (
          <>
            <AnalyticsPicker label="Confusion matrix" sources={sources} sourceParam="csource" classesParam="cclasses" source={q.confusionSource} classes={q.confusionClasses} keep={{ source: state.source, classes: state.classes }} />
            <ConfusionHeatmap matrix={confusion} names={names} sourceTitle={title(q.confusionSource)} />
          </>
        ) : (
          <Empty>Import original labels and a study or model predictions to compare them.</Empty>
        )}
      </Section>

      <Section id="throughput" title="Campaign throughput" chart="throughput">
        {throughput.length > 0 ? (
          <>
            <ThroughputView campaigns={throughput} />
            <CsvLink chart="burn-down" what="queue burn-down" />
          </>
        ) : (
          <Empty>No campaign has decisions yet: create one on the Campaigns page and label a few images.</Empty>
        )}
      </Section>
    </main>
  );
}
