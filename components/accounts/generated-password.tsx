/** A generated password, shown once: it is stored only as a hash. */
export function GeneratedPassword({ password }: { password: string }) {
  return (
    <span className="mt-1 block">
      Password (shown only now, pass it on safely):{" "}
      <code aria-label="Generated password" className="rounded bg-white px-1.5 py-0.5 font-mono text-slate-900 ring-1 ring-emerald-200">
        {password}
      </code>
    </span>
  );
}
