"use client";

import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { TokenizerConfig } from "@/lib/gateway/types";
import {
  type CardChange,
  type MountedTokenizer,
  type PaymentType,
  TOKENIZER_DRIVERS,
  type TokenizerResult,
} from "./tokenizer-drivers";

export type { CardChange, PaymentType, TokenizerResult };

export interface TokenizerHandle {
  /** Validates and tokenizes what the person typed in the iframe; rejects with words to show when invalid. */
  submit(): Promise<TokenizerResult>;
}

/** The frame's token, or null after reporting the frame's message (missing or invalid card details) to `onError`. */
export async function tokenOrError(
  frame: { current: TokenizerHandle | null },
  onError: (message: string) => void,
): Promise<string | null> {
  try {
    return (await frame.current!.submit()).token;
  } catch (e) {
    onError((e as Error).message);
    return null;
  }
}

export interface TokenizerFrameProps {
  /** From `adapter.tokenizerConfig()` on the server: public key and script URL only. */
  config: TokenizerConfig;
  /** Subset of `config.paymentTypes` to offer (the first one is shown first). */
  types?: PaymentType[];
  requireCvv?: boolean;
  /** Called with every token produced (also when `submit()` is awaited). */
  onToken?: (result: TokenizerResult) => void;
  /** Card number typed: BIN (first six) and brand for a fee preview; never the number. */
  onCardChange?: (change: CardChange) => void;
  onTypeChange?: (type: PaymentType) => void;
  /** Accessible name of the region around the iframe. */
  label?: string;
  ref?: Ref<TokenizerHandle>;
}

/**
 * The provider's card/bank entry iframe, mounted for any gateway family that has a driver. Reused by the
 * customer vault, the virtual terminal and the invoice pay page; the page receives only a token.
 */
export function TokenizerFrame({
  config,
  types,
  requireCvv = true,
  onToken,
  onCardChange,
  onTypeChange,
  label = "Payment details",
  ref,
}: TokenizerFrameProps) {
  const container = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedTokenizer | null>(null);
  const pending = useRef<{ resolve: (r: TokenizerResult) => void; reject: (e: Error) => void } | null>(null);
  const callbacks = useRef({ onToken, onCardChange, onTypeChange });
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const driver = TOKENIZER_DRIVERS[config.family];
  const offered = (types ?? config.paymentTypes).filter((t) => config.paymentTypes.includes(t));
  const typesKey = offered.join(",");
  // Remount only when the configuration's values change, not when a parent re-render passes a new object.
  const configKey = `${config.family}|${config.scriptUrl}|${config.url}|${config.publicKey}`;
  const configRef = useRef(config);
  // Latest props for the iframe's callbacks, without remounting it when they change.
  useEffect(() => {
    callbacks.current = { onToken, onCardChange, onTypeChange };
    configRef.current = config;
  });

  useEffect(() => {
    const el = container.current;
    if (!el || !driver) return;
    let cancelled = false;
    let instance: MountedTokenizer | null = null;
    driver()
      .then((d) =>
        d.mount(
          el,
          configRef.current,
          { types: typesKey.split(",") as PaymentType[], requireCvv },
          {
            onSubmission(r) {
              const p = pending.current;
              pending.current = null;
              if (r.ok) {
                callbacks.current.onToken?.(r.value);
                p?.resolve(r.value);
              } else p?.reject(new Error(r.message));
            },
            onCardChange: (c) => callbacks.current.onCardChange?.(c),
            onTypeChange: (t) => callbacks.current.onTypeChange?.(t),
            onReady: () => !cancelled && setState("ready"),
          },
        ),
      )
      .then(
        (m) => {
          if (cancelled) return m.destroy();
          instance = m;
          mounted.current = m;
          setState((s) => (s === "loading" ? "ready" : s));
        },
        (e: Error) => {
          if (cancelled) return;
          setState("error");
          setError(e.message);
        },
      );
    return () => {
      cancelled = true;
      instance?.destroy();
      mounted.current = null;
      el.replaceChildren();
    };
  }, [driver, configKey, typesKey, requireCvv]);

  useImperativeHandle(
    ref,
    () => ({
      submit() {
        const m = mounted.current;
        if (!m) return Promise.reject(new Error("The secure payment form is still loading."));
        pending.current?.reject(new Error("Superseded"));
        return new Promise<TokenizerResult>((resolve, reject) => {
          pending.current = { resolve, reject };
          m.submit();
          // The iframe answers within a second; a silent frame must not hang the form.
          setTimeout(() => {
            if (pending.current?.resolve === resolve) {
              pending.current = null;
              reject(new Error("The secure payment form did not answer. Try again."));
            }
          }, 15_000);
        });
      },
    }),
    [],
  );

  if (!driver) {
    return (
      <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Card entry is not available for this merchant&apos;s gateway yet.
      </p>
    );
  }
  return (
    <div role="group" aria-label={label} aria-busy={state === "loading"}>
      {state === "loading" ? <p className="text-sm text-slate-500">Loading the secure payment form…</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div ref={container} className="min-h-[140px] rounded-md" data-tokenizer={config.family} />
      <p className="mt-1 flex items-center gap-1 text-xs text-slate-500">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
          <path d="M10 1a4 4 0 0 0-4 4v3H5a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7a2 2 0 0 0-2-2h-1V5a4 4 0 0 0-4-4Zm-2 7V5a2 2 0 1 1 4 0v3H8Z" />
        </svg>
        Entered in the gateway&apos;s secure form; the portal never sees the number.
      </p>
    </div>
  );
}
