import type { PaymentType, TokenizerDriver } from "./tokenizer-types";
import { str } from "./tokenizer-types";

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

/** FluidPay-family Tokenizer (`tokenizer.js` → `new Tokenizer({apikey, container, submission, …})`). */
export const fluidpay: TokenizerDriver = {
  async mount(container, config, options, cb) {
    await loadScript(config.scriptUrl);
    const Ctor = (window as unknown as { Tokenizer?: FluidPayTokenizerCtor }).Tokenizer;
    if (!Ctor) throw new Error("The secure payment form could not be loaded.");
    const t = new Ctor({
      apikey: config.publicKey,
      url: config.url,
      container,
      settings: {
        payment: { types: options.types, card: { requireCVV: options.requireCvv } },
        styles: options.look.styles,
      },
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
