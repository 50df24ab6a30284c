import type { TokenizerConfig } from "@/lib/gateway/types";
import type { TokenizerLook } from "./tokenizer-styles";

/**
 * How each gateway family's hosted card-entry iframe is mounted and asked for a token. The portal page never
 * sees a card or account number: the iframe (served by the gateway, or its sandbox) posts the details to the
 * gateway and hands the page a one-time token plus masked facts.
 */

export type PaymentType = "card" | "ach";

export interface TokenizerResult {
  token: string;
  type: PaymentType;
  /** Masked card facts (first six for fee lookup, last four for display). */
  card?: { firstSix: string | null; lastFour: string | null; brand: string | null; expiration: string | null };
  ach?: { lastFour: string | null; accountType: string | null };
}

export interface CardChange {
  valid: boolean;
  bin: string | null;
  brand: string | null;
}

export interface DriverCallbacks {
  onSubmission(result: { ok: true; value: TokenizerResult } | { ok: false; message: string }): void;
  onCardChange?(change: CardChange): void;
  onTypeChange?(type: PaymentType): void;
  onReady?(): void;
}

export interface MountedTokenizer {
  /** Ask the iframe to validate and tokenize; the answer arrives through onSubmission. */
  submit(): void;
  destroy(): void;
}

/** `look`: the page's field styles in the tokenizer's documented parameters (tokenizer-styles.ts). */
export interface TokenizerOptions {
  types: PaymentType[];
  requireCvv: boolean;
  look: TokenizerLook;
}

export interface TokenizerDriver {
  mount(
    container: HTMLElement,
    config: TokenizerConfig,
    options: TokenizerOptions,
    callbacks: DriverCallbacks,
  ): Promise<MountedTokenizer>;
}

export function str(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}
