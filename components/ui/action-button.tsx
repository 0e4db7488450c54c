"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * A button that runs one server action, shows its refusal beside itself and then refreshes the
 * page's server data (the action checks its own permission and scope).
 */
export function ActionButton<I>({ action, input, label, variant = "secondary", size = "sm", children }: {
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size={size}
        variant={variant}
        disabled={pending}
        aria-label={label}
        onClick={async () => {
          setPending(true);
          const result = await action(input);
          setError(result.ok ? null : result.error);
          setPending(false);
          router.refresh();
        }}
      >
        {children}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
