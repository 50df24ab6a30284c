import type { TokenizerConfig } from "@/lib/gateway/types";
import type { TokenizerDriver } from "./tokenizer-types";

export type {
  CardChange,
  DriverCallbacks,
  MountedTokenizer,
  PaymentType,
  TokenizerDriver,
  TokenizerResult,
} from "./tokenizer-types";

/**
 * Drivers by family, each in its own chunk: the page code is the same for every gateway, and a browser fetches only
 * the driver of the gateway it pays through (the pay page's JavaScript weight: tests/e2e/quality/weight.spec.ts).
 */
export const TOKENIZER_DRIVERS: Partial<Record<TokenizerConfig["family"], () => Promise<TokenizerDriver>>> = {
  fluidpay: () => import("./tokenizer-fluidpay").then((m) => m.fluidpay),
  cardpointe: () => import("./tokenizer-cardpointe").then((m) => m.cardpointe),
};
