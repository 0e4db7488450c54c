import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 10;
export const MIN_PASSWORD_SCORE = 3;
// zxcvbn's cost grows with length; past this many characters the tail adds nothing to the verdict.
const CHECKED_PREFIX = 100;
// Words an attacker of this site tries first, counted like the user's own name.
const SITE_WORDS = ["relabel", "imagenet", "demo", "admin"];

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  // Built on first use: the dictionaries are large and most requests never check a password.
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });
  return checker;
}

// zxcvbn-ts reports translation keys; language-en is not installed, so the sentences live here.
const WARNINGS: Record<string, string> = {
  straightRow: "Straight rows of keys are easy to guess.",
  keyPattern: "Short keyboard patterns are easy to guess.",
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
  sequences: 'Sequences like "abc" or "6543" are easy to guess.',
  recentYears: "Recent years are easy to guess.",
  dates: "Dates are easy to guess.",
  topTen: "This is one of the ten most used passwords.",
  topHundred: "This is one of the hundred most used passwords.",
  common: "This is a commonly used password.",
  similarToCommon: "This is similar to a commonly used password.",
  wordByItself: "Single words are easy to guess.",
  namesByThemselves: "Single names or surnames are easy to guess.",
  commonNames: "Common names and surnames are easy to guess.",
  userInputs: "Do not use your name or email address in the password.",
};

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/**
 * The password rule for every account created, reset or changed through the app or the CLI: at
 * least 10 characters and a zxcvbn score of 3 ("safely unguessable") against its common-password
 * list, with the user's own email and name (and this site's name) counted as guessable words. Demo accounts are seeded
 * directly (lib/demo/load-demo.ts) and never pass through here.
 */
export function checkPassword(password: string, userInputs: string[] = []): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, message: `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.` };
  const inputs = [...SITE_WORDS, ...userInputs].flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((word) => word.length >= 3);
  const result = zxcvbn().check(password.slice(0, CHECKED_PREFIX), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return {
    ok: false,
    message: `${warning ?? "This password is too easy to guess."} Add more words or characters that are not a pattern, a name or a common password.`,
  };
}
