"use client";

import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { type CardChange, type PaymentType, TOKENIZER_DRIVERS, type TokenizerResult } from "./tokenizer-drivers";
import { TokenizerPanel } from "./tokenizer-panel";
import { tokenizerLook } from "./tokenizer-styles";
import { type TokenizerSession, startTokenizer } from "./tokenizer-session";

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
  const mounted = useRef<TokenizerSession | null>(null);
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
    let instance: TokenizerSession | null = null;
    startTokenizer(
      el,
      configRef.current,
      { types: typesKey.split(",") as PaymentType[], requireCvv, look: tokenizerLook() },
      {
        onCardChange: (c) => callbacks.current.onCardChange?.(c),
        onTypeChange: (t) => callbacks.current.onTypeChange?.(t),
        onReady: () => !cancelled && setState("ready"),
      },
    ).then(
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
        return m.submit().then((r) => {
          callbacks.current.onToken?.(r);
          return r;
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
    <TokenizerPanel
      family={config.family}
      label={label}
      loading={state === "loading"}
      error={error}
      containerRef={container}
    />
  );
}
