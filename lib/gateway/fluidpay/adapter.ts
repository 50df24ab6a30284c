import type { GatewayAdapter, GatewayCapabilities, TokenizerConfig } from "../types";
import { transactionsApi } from "./adapter-transactions";
import { vaultApi } from "./adapter-vault";
import { recurringApi } from "./adapter-recurring";
import { invoicesApi } from "./adapter-invoices";
import { feesApi, fileBatchApi, settlementApi, terminalsApi } from "./adapter-operations";
import { FluidPayClient } from "./client";

export interface FluidPayAdapterOptions {
  /** API base ending in /api, e.g. https://app.fluidpay.com/api or <appUrl>/sandbox/gateway/api. */
  baseUrl: string;
  /** Private `api_…` key (server only). */
  apiKey: string;
  /** Public `pub_…` key for the browser tokenizer. */
  publicKey: string;
  /** The merchant's default processor; /calculate/amounts requires one when the call names none. */
  processorId?: string;
  /** Per-call timeout (terminal transactions get longer: a person is at the device). */
  timeoutMs?: number;
  /** Test hooks. */
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
}

export const FLUIDPAY_CAPABILITIES: GatewayCapabilities = Object.freeze({
  vault: true,
  customerSearch: true,
  achPayments: true,
  partialRefunds: true,
  recurring: true,
  invoices: true,
  terminals: true,
  terminalSettle: true,
  settlementSearch: true,
  fileBatch: true,
  feeCalculation: true,
  tokenizer: true,
});

/**
 * The tokenizer is served by the gateway host itself, next to /api: production
 * https://app.fluidpay.com/tokenizer/tokenizer.js, sandbox <appUrl>/sandbox/gateway/tokenizer/tokenizer.js.
 */
export function fluidpayTokenizerConfig(baseUrl: string, publicKey: string): TokenizerConfig {
  const root = baseUrl.replace(/\/+$/, "").replace(/\/api$/, "");
  return {
    family: "fluidpay",
    scriptUrl: `${root}/tokenizer/tokenizer.js`,
    url: root,
    publicKey,
    paymentTypes: ["card", "ach"],
  };
}

export function createFluidPayAdapter(options: FluidPayAdapterOptions): GatewayAdapter {
  if (options.publicKey.startsWith("api_")) {
    // A private key handed to the browser would let anyone charge the merchant.
    throw new Error("publicKey must be the public pub_ key, not a private api_ key");
  }
  const client = new FluidPayClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    backoffMs: options.backoffMs,
    fetch: options.fetch,
  });
  const transactions = transactionsApi(client);
  return {
    family: "fluidpay",
    capabilities: FLUIDPAY_CAPABILITIES,
    transactions,
    vault: vaultApi(client),
    recurring: recurringApi(client),
    invoices: invoicesApi(client, transactions),
    terminals: terminalsApi(client, transactions),
    settlement: settlementApi(client),
    fileBatches: fileBatchApi(client),
    fees: feesApi(client, options.processorId),
    tokenizerConfig: () => fluidpayTokenizerConfig(options.baseUrl, options.publicKey),
  };
}
