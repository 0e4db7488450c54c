import type { VerdictRecord } from "../records";
import { cell, readCsv, rowWhere } from "./csv-input";
import { parseBoolean, parseLabelList, readFlawsRow, statusOfCategory, FLAWS_COLUMNS } from "./flaws-csv";
import { byFileNumber, SeenImages } from "./identifiers";

/**
 * "Flaws of ImageNet" `multilabel.csv` (Shankar et al.'s 20,000 images as corrected by
 * Vasudevan et al.): the common columns plus `unclear_multi_labels`, `wrong_multi_labels` and
 * `is_problematic`. Problematic images (wrong or unclear original, drawings, heavy edits) are
 * meant to be excluded, so they become PROBLEMATIC with no classes; their category and
 * proposed labels stay in the record for reference.
 */
export function parseMultilabelCsv(text: string, file: string): VerdictRecord[] {
  const table = readCsv(text, file, [...FLAWS_COLUMNS, "unclear_multi_labels", "wrong_multi_labels", "is_problematic"]);
  const seen = new SeenImages(file);
  const records = table.rows.map((row): VerdictRecord => {
    const r = readFlawsRow(table, row, file);
    seen.add(r.fileNumber, r.where);
    const unclearLabels = parseLabelList(cell(table, row, "unclear_multi_labels"), file, rowWhere(row, "unclear_multi_labels"));
    const wrongLabels = parseLabelList(cell(table, row, "wrong_multi_labels"), file, rowWhere(row, "wrong_multi_labels"));
    const problematic = parseBoolean(cell(table, row, "is_problematic"), file, rowWhere(row, "is_problematic"));
    return {
      fileNumber: r.fileNumber,
      status: problematic ? "PROBLEMATIC" : statusOfCategory(r.category),
      classes: problematic ? [] : r.proposed,
      category: r.category,
      manuallyValidated: r.manuallyValidated,
      details: {
        originalLabel: r.originalLabel,
        proposedLabels: r.proposed,
        proposedLabelsText: r.proposedText,
        unclearLabels,
        wrongLabels,
      },
    };
  });
  return byFileNumber(records);
}
