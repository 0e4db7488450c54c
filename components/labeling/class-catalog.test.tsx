import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { type ClassCatalog, ClassCatalogProvider, useClassCatalogIndex } from "@/components/labeling/class-catalog";
import { SAMPLE_CLASSES } from "@/lib/labeling/class-fixtures";
import type { ClassSummary } from "@/lib/labeling/types";

// Each probe stands for one image's page: it mounts, takes the catalog and records what it got.
function probes(classesPerImage: ClassSummary[][], { shared }: { shared: boolean }): ClassCatalog[] {
  const seen: ClassCatalog[] = [];
  function Probe({ classes }: { classes: ClassSummary[] }) {
    seen.push(useClassCatalogIndex(classes));
    return null;
  }
  const pages = classesPerImage.map((classes, i) => <Probe key={i} classes={classes} />);
  renderToStaticMarkup(shared ? <ClassCatalogProvider>{pages}</ClassCatalogProvider> : <>{pages}</>);
  return seen;
}

it("builds the lookup and search index once for every image of a session", () => {
  const [first, second, third] = probes([SAMPLE_CLASSES, SAMPLE_CLASSES, SAMPLE_CLASSES], { shared: true });
  expect(second).toBe(first);
  expect(third).toBe(first);
  expect(first!.lookup.get(SAMPLE_CLASSES[0]!.index)?.name).toBe(SAMPLE_CLASSES[0]!.name);
});

it("rebuilds when a different class list arrives", () => {
  const other = SAMPLE_CLASSES.slice(0, 3);
  const [first, second] = probes([SAMPLE_CLASSES, other], { shared: true });
  expect(second).not.toBe(first);
  expect(second!.lookup.size).toBe(3);
});

it("without the session's provider each page builds its own", () => {
  const [first, second] = probes([SAMPLE_CLASSES, SAMPLE_CLASSES], { shared: false });
  expect(second).not.toBe(first);
});
