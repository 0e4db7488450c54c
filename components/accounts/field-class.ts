/** The text field look shared by the account forms. */
export const fieldClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm font-normal focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-100";
