import type { TokenizerConfig } from "@/lib/gateway/types";
import { TOKENIZER_DRIVERS } from "./tokenizer-drivers";
import type { CardChange, PaymentType, TokenizerOptions, TokenizerResult } from "./tokenizer-types";

/** A mounted card/bank iframe that is asked for a token. */
export interface TokenizerSession {
  /** Validates and tokenizes what the person typed in the iframe; rejects with words to show when invalid. */
  submit(): Promise<TokenizerResult>;
  destroy(): void;
}

export interface SessionCallbacks {
  onCardChange?(change: CardChange): void;
  onTypeChange?(type: PaymentType): void;
  onReady?(): void;
}

/**
 * Mounts the gateway family's driver (its own chunk) in `container`. Plain DOM, no React: TokenizerFrame uses it
 * and so does the pay page's bridge (components/pay/pay-bridge.ts).
 */
export async function startTokenizer(
  container: HTMLElement,
  config: TokenizerConfig,
  options: TokenizerOptions,
  cb: SessionCallbacks,
): Promise<TokenizerSession> {
  const driver = TOKENIZER_DRIVERS[config.family];
  if (!driver) throw new Error("Card entry is not available for this merchant's gateway yet.");
  let pending: { resolve: (r: TokenizerResult) => void; reject: (e: Error) => void } | null = null;
  const m = await (
    await driver()
  ).mount(container, config, options, {
    onSubmission(r) {
      const p = pending;
      pending = null;
      if (r.ok) p?.resolve(r.value);
      else p?.reject(new Error(r.message));
    },
    onCardChange: (c) => cb.onCardChange?.(c),
    onTypeChange: (t) => cb.onTypeChange?.(t),
    onReady: () => cb.onReady?.(),
  });
  return {
    submit() {
      pending?.reject(new Error("Superseded"));
      return new Promise<TokenizerResult>((resolve, reject) => {
        pending = { resolve, reject };
        m.submit();
        // The iframe answers within a second; a silent frame must not hang the form.
        setTimeout(() => {
          if (pending?.resolve === resolve) {
            pending = null;
            reject(new Error("The secure payment form did not answer. Try again."));
          }
        }, 15_000);
      });
    },
    destroy: () => m.destroy(),
  };
}
