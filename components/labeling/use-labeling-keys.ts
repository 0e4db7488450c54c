"use client";

import { useEffect, useRef } from "react";
import { focusKindOf, matchKey, type KeyCommand, type KeyContext } from "@/lib/labeling/keymap";

/**
 * The screen's single keydown listener. It reads the latest handler and context through refs,
 * so it is attached once and never misses a key between re-renders.
 */
export function useLabelingKeys(
  onCommand: (command: KeyCommand, event: KeyboardEvent) => void,
  getContext: () => Omit<KeyContext, "focus">,
): void {
  const latest = useRef({ onCommand, getContext });
  useEffect(() => {
    latest.current = { onCommand, getContext };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const command = matchKey(event, { ...latest.current.getContext(), focus: focusKindOf(event.target) });
      if (!command) return;
      // Also keeps "/" or "n" from being typed into the field that the command focuses.
      event.preventDefault();
      latest.current.onCommand(command, event);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
