import type { TokenizerConfig } from "@/lib/gateway/types";

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

export interface TokenizerDriver {
  mount(
    container: HTMLElement,
    config: TokenizerConfig,
    options: { types: PaymentType[]; requireCvv: boolean },
    callbacks: DriverCallbacks,
  ): Promise<MountedTokenizer>;
}

const scripts = new Map<string, Promise<void>>();

function loadScript(src: string): Promise<void> {
  let p = scripts.get(src);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = () => resolve();
      s.onerror = () => {
        scripts.delete(src);
        reject(new Error("The secure payment form could not be loaded."));
      };
      document.head.appendChild(s);
    });
    scripts.set(src, p);
  }
  return p;
}

interface FluidPayTokenizer {
  submit(): void;
  destroy?(): void;
}
type FluidPayTokenizerCtor = new (opts: Record<string, unknown>) => FluidPayTokenizer;

function str(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}

/** FluidPay-family Tokenizer (`tokenizer.js` → `new Tokenizer({apikey, container, submission, …})`). */
const fluidpay: TokenizerDriver = {
  async mount(container, config, options, cb) {
    await loadScript(config.scriptUrl);
    const Ctor = (window as unknown as { Tokenizer?: FluidPayTokenizerCtor }).Tokenizer;
    if (!Ctor) throw new Error("The secure payment form could not be loaded.");
    const t = new Ctor({
      apikey: config.publicKey,
      url: config.url,
      container,
      settings: { payment: { types: options.types, card: { requireCVV: options.requireCvv } } },
      submission: (resp: Record<string, unknown>) => {
        if (resp.status === "success" && typeof resp.token === "string") {
          const card = (resp.card ?? {}) as Record<string, unknown>;
          const ach = (resp.ach ?? {}) as Record<string, unknown>;
          const type: PaymentType = resp.type === "ach" ? "ach" : "card";
          cb.onSubmission({
            ok: true,
            value: {
              token: resp.token,
              type,
              ...(type === "card"
                ? {
                    card: {
                      firstSix: str(card.first_six),
                      lastFour: str(card.last_four),
                      brand: str(card.card_type),
                      expiration: str(card.exp),
                    },
                  }
                : { ach: { lastFour: str(ach.last_four), accountType: str(ach.account_type) } }),
            },
          });
        } else if (resp.status === "validation") {
          cb.onSubmission({ ok: false, message: "Check the highlighted payment fields." });
        } else {
          cb.onSubmission({ ok: false, message: "The payment details could not be saved. Try again." });
        }
      },
      validCard: (d: { isValid?: boolean; bin?: { bin?: string; card_type?: string } }) =>
        cb.onCardChange?.({
          valid: Boolean(d?.isValid),
          bin: d?.isValid ? (str(d.bin?.bin)?.slice(0, 6) ?? null) : null,
          brand: str(d?.bin?.card_type),
        }),
      onPaymentChange: (type: string) => cb.onTypeChange?.(type === "ach" ? "ach" : "card"),
      onLoad: () => cb.onReady?.(),
    });
    return { submit: () => t.submit(), destroy: () => t.destroy?.() };
  },
};

/**
 * CardPointe's hosted iFrame Tokenizer (iToke): no script and no key; the page tokenizes through CardSecure when
 * the card field loses focus and posts `{"message": token, "expiry": "MMYY"}` (or `{"validationError": …}`).
 * `submit()` answers with the latest token, waiting briefly for the one the blur has just requested.
 */
const cardpointe: TokenizerDriver = {
  async mount(container, config, _options, cb) {
    const iframe = document.createElement("iframe");
    iframe.src = config.url;
    iframe.title = "Payment details";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.height = "170px";
    const origin = new URL(config.url, window.location.href).origin;
    let latest: TokenizerResult | null = null;
    let failure: string | null = null;
    let waiting = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answer = () => {
      waiting = false;
      clearTimeout(timer);
      if (latest) cb.onSubmission({ ok: true, value: latest });
      else cb.onSubmission({ ok: false, message: failure ?? "Enter the card number." });
    };
    const listener = (e: MessageEvent) => {
      if (e.source !== iframe.contentWindow || e.origin !== origin) return;
      let msg: { message?: unknown; expiry?: unknown; validationError?: unknown };
      try {
        msg = typeof e.data === "string" ? JSON.parse(e.data) : e.data;
      } catch {
        return;
      }
      if (typeof msg?.message === "string" && msg.message) {
        const exp = str(msg.expiry);
        latest = {
          token: msg.message,
          type: "card",
          card: {
            firstSix: null,
            lastFour: msg.message.slice(-4),
            brand: null,
            expiration: exp ? `${exp.slice(0, 2)}/${exp.slice(2)}` : null,
          },
        };
        failure = null;
        cb.onCardChange?.({ valid: true, bin: null, brand: null });
      } else if (msg?.validationError) {
        latest = null;
        failure = "Check the card number.";
        cb.onCardChange?.({ valid: false, bin: null, brand: null });
      } else return;
      if (waiting) answer();
    };
    window.addEventListener("message", listener);
    iframe.addEventListener("load", () => cb.onReady?.());
    container.appendChild(iframe);
    return {
      submit() {
        if (latest || failure) return answer();
        // The click that submits also blurs the card field, which starts tokenization.
        waiting = true;
        timer = setTimeout(answer, 5_000);
      },
      destroy() {
        clearTimeout(timer);
        window.removeEventListener("message", listener);
        iframe.remove();
      },
    };
  },
};

/** Drivers by family: the page code is the same for every gateway. */
export const TOKENIZER_DRIVERS: Partial<Record<TokenizerConfig["family"], TokenizerDriver>> = { fluidpay, cardpointe };
