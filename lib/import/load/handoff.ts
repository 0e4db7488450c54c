import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Lets a bundle step start reading and parsing the next file as soon as its own COPY data is all
 * handed to PostgreSQL: the parse (JavaScript) then overlaps the server's work on that data,
 * its triggers and its commit, instead of waiting for them.
 */
const listeners = new AsyncLocalStorage<() => void>();

/** Runs `work`, calling `handedOff` each time a COPY inside it has produced its last row. */
export const notifyingCopyHandoffs = <T>(handedOff: () => void, work: () => Promise<T>): Promise<T> => listeners.run(handedOff, work);

/** Taken when a COPY starts (in the caller's async context); called once its last row is produced. */
export const copyHandoffListener = (): (() => void) | undefined => listeners.getStore();
