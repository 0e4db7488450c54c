/** Download link for a chart's data; the route checks the permission again. */
export function CsvLink({ chart, what, params = {} }: { chart: string; what: string; params?: Record<string, string> }) {
  const query = new URLSearchParams(params).toString();
  return (
    <a href={`/api/charts/${chart}${query ? `?${query}` : ""}`} download aria-label={`Download ${what} as CSV`} className="text-sm text-blue-700 underline hover:text-blue-900">
      Download CSV
    </a>
  );
}
