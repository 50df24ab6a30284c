import { str, type TokenizerDriver, type TokenizerResult } from "./tokenizer-types";

/**
 * CardPointe's hosted iFrame Tokenizer (iToke): no script and no key; the page tokenizes through CardSecure when
 * the card field loses focus and posts `{"message": token, "expiry": "MMYY"}` (or `{"validationError": …}`).
 * `submit()` answers with the latest token, waiting briefly for the one the blur has just requested.
 */
export const cardpointe: TokenizerDriver = {
  async mount(container, config, options, cb) {
    const iframe = document.createElement("iframe");
    // The page's look through the documented `css` parameter (URL-encoded, as the vendor requires).
    iframe.src = `${config.url}${config.url.includes("?") ? "&" : "?"}css=${encodeURIComponent(options.look.css)}`;
    iframe.title = "Payment details";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.height = "250px";
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
