import Link from "next/link";
import { fieldClass } from "@/components/accounts/field-class";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "@/lib/audit/record";
import type { AuditFilter } from "@/lib/validation/audit";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ filter }: { filter: AuditFilter }) {
  return (
    <form method="get" aria-label="Filter the audit log" className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6">
      <label className="block text-sm font-medium">
        Action
        <select name="action" defaultValue={filter.action ?? ""} className={fieldClass}>
          <option value="">any</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        User (email)
        <input name="user" type="search" defaultValue={filter.user ?? ""} className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        Entity
        <select name="entity" defaultValue={filter.entity ?? ""} className={fieldClass}>
          <option value="">any</option>
          {AUDIT_ENTITIES.map((entity) => (
            <option key={entity} value={entity}>
              {entity}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        Entity id
        <input name="entityId" defaultValue={filter.entityId ?? ""} className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        From (UTC)
        <input name="from" type="date" defaultValue={filter.from ?? ""} className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        To (UTC)
        <input name="to" type="date" defaultValue={filter.to ?? ""} className={fieldClass} />
      </label>
      <div className="flex items-center gap-3 sm:col-span-3 lg:col-span-6">
        <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white hover:bg-indigo-500">
          Filter
        </button>
        <Link href="/admin/audit" className="text-sm text-slate-600 hover:underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
