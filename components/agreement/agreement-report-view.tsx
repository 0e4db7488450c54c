import Link from "next/link";
import { ClassKappaBars } from "@/components/agreement/class-kappa-bars";
import { formatFigure } from "@/components/agreement/format";
import { KappaHeatmap } from "@/components/agreement/kappa-heatmap";
import { ReportTableView } from "@/components/agreement/report-table-view";
import type { CampaignAgreement } from "@/lib/agreement/load-campaign-agreement";
import { FORMULAS, reportTable } from "@/lib/agreement/report-tables";

// The bar chart stays readable at laptop size with this many classes; the table below has them all.
const MAX_BARS = 15;

function Figure({ label, value, detail, formula }: { label: string; value: number | null; detail: string; formula: string }) {
  return (
    <div className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{formatFigure(value)}</dd>
      <dd className="text-xs text-slate-500">{detail}</dd>
      <dd className="mt-2 text-xs text-slate-600">{formula}</dd>
    </div>
  );
}

export function AgreementReportView({ campaignId, agreement }: { campaignId: number; agreement: CampaignAgreement }) {
  const { report, sourceTitles, name } = agreement;
  const heading = (
    <div className="space-y-1">
      <p className="text-sm text-slate-600">
        <Link href="/review/agreement" className="text-indigo-700 underline hover:text-indigo-900">Agreement</Link> · campaign {campaignId}
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">Agreement in {name}</h1>
      <p className="text-sm text-slate-600">
        {report.decisions.toLocaleString("en")} decision{report.decisions === 1 ? "" : "s"} by {report.annotators.length} annotator{report.annotators.length === 1 ? "" : "s"} ·{" "}
        {report.images.toLocaleString("en")} images with two or more decisions
      </p>
    </div>
  );
  if (report.images === 0) {
    return (
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
        {heading}
        <section aria-labelledby="no-agreement" className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
          <h2 id="no-agreement" className="text-lg font-semibold">Not enough decisions to compare yet</h2>
          <p className="mt-2 max-w-2xl text-slate-700">
            Agreement needs at least two decisions on the same image, and no image of this campaign has two yet. Ask an admin to set
            the campaign to two or more annotators per image (or send images back for another annotation), and come back once
            several annotators have labeled the same images.
          </p>
        </section>
      </main>
    );
  }
  const { krippendorffAlpha: alpha } = report;
  const bars = report.perClass
    .filter((row) => row.kind === "class" && row.kappa !== null)
    .slice(0, MAX_BARS)
    .map((row) => ({ label: `${row.label} (${row.id})`, kappa: row.kappa!, images: row.images }));
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      {heading}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Figure label="Percent agreement" value={report.percentAgreement} detail={`${report.images} images`} formula={FORMULAS.percentAgreement} />
        <Figure label="Cohen's κ (mean of pairs)" value={report.cohenKappa.mean} detail={`${report.cohenKappa.pairs.length} pairs`} formula={FORMULAS.cohen} />
        <Figure label={`Fleiss' κ (k = ${report.fleissKappa.k})`} value={report.fleissKappa.kappa} detail={`${report.fleissKappa.n} images`} formula={FORMULAS.fleiss} />
        <Figure
          label="Krippendorff's α (nominal)"
          value={alpha.nominal}
          detail={`MASI ${formatFigure(alpha.masi)} · Jaccard ${formatFigure(alpha.jaccard)} · ${alpha.n} values`}
          formula={FORMULAS.krippendorff}
        />
      </dl>
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="heatmap" className="space-y-2">
          <h2 id="heatmap" className="text-lg font-semibold">Cohen&apos;s κ between annotators</h2>
          <p className="text-sm text-slate-600">{FORMULAS.cohen}</p>
          <div className="overflow-x-auto rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <KappaHeatmap annotators={report.annotators} pairs={report.cohenKappa.pairs} />
          </div>
        </section>
        <section aria-labelledby="class-bars" className="space-y-2">
          <h2 id="class-bars" className="text-lg font-semibold">Fleiss&apos; κ per class</h2>
          <p className="text-sm text-slate-600">The {bars.length} classes named on the most images. {FORMULAS.perClass}</p>
          <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            {bars.length ? <ClassKappaBars bars={bars} /> : <p className="text-sm text-slate-600">No class has a defined κ yet.</p>}
          </div>
        </section>
      </div>
      <ReportTableView table={reportTable(report, "pairs", sourceTitles)} campaignId={campaignId} />
      <ReportTableView table={reportTable(report, "annotators", sourceTitles)} campaignId={campaignId} />
      {report.perAnnotator.every((row) => row.vsConsensus === null) && (
        <p className="text-sm text-slate-600">No consensus yet: the comparison with the consensus appears once the campaign&apos;s consensus is computed.</p>
      )}
      <ReportTableView table={reportTable(report, "classes", sourceTitles)} campaignId={campaignId} hideColumns={["classes"]} />
      <ReportTableView table={reportTable(report, "summary", sourceTitles)} campaignId={campaignId} hideColumns={["formula"]} />
    </main>
  );
}
