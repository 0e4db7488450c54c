/** How agreement figures read on screen: three decimals, an en dash where a statistic is undefined. */
export const formatFigure = (value: number | null | undefined) => (value === null || value === undefined ? "–" : value.toFixed(3));

/** An annotator's short name on an axis: the part of the email before @. */
export const shortAnnotator = (email: string) => email.split("@")[0] ?? email;
