import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as common } from "@zxcvbn-ts/language-common";
import { dictionary as english, translations } from "@zxcvbn-ts/language-en";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

/**
 * Password strength, judged on the server by a dictionary-based estimator (zxcvbn-ts with its common-password,
 * English and keyboard-pattern data): it scores what an attacker's guessing would find — common passwords and their
 * variants, words, names, dates, keyboard walks, repeats, l33t substitutions — not just a list of exact strings.
 * A new password needs the length rule and a score of at least MIN_SCORE (about 10^8 guesses and up), and must not
 * be built on the user's email or this product's own words.
 */
export const MIN_SCORE = 3;

/** Words an attacker would try first against this portal, in addition to the user's own email. */
const PRODUCT_WORDS = ["merchant", "portal", "merchantportal", "cardpointe", "cardconnect", "fluidpay", "demo-pass"];

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...common, ...english, userInputs: PRODUCT_WORDS },
  });
  return factory;
}

/** The first rule a new password breaks, or null: long enough, not the email (or its name), hard enough to guess. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return "Use at most 200 characters.";
  const p = password.toLowerCase().replace(/\s+/g, "");
  const e = email.toLowerCase();
  const local = e.split("@")[0] ?? "";
  if (p === e || p.includes(e) || (local.length >= 4 && p === local)) return "Don't use your email address.";
  const result = estimator().check(password, [e, local, ...local.split(/[._+-]/).filter((w) => w.length >= 3)]);
  if (result.score < MIN_SCORE) {
    const why = result.feedback.warning ? ` ${result.feedback.warning.replace(/\.?$/, ".")}` : "";
    const hint = result.feedback.suggestions[0] ? ` ${result.feedback.suggestions[0].replace(/\.?$/, ".")}` : "";
    return `This password is too common or too easy to guess.${why}${hint}`.trim();
  }
  return null;
}
