import { closeBatchSchema, inquireMerchantSchema, sigcapSchema } from "./schemas";
import { toGatewayError } from "./transform";
import { Unsupported } from "../errors";
import type { Capability, GatewayAdapter, GatewayCapabilities, TokenizerConfig, Transaction } from "../types";
import { transactionsApi } from "./adapter-transactions";
import { vaultApi } from "./adapter-vault";
import { type CardPointeTerminalsApi, terminalsApi } from "./adapter-terminals";
import { fundingBetween, settlementApi } from "./adapter-settlement";
import { CardPointeClient } from "./client";
import { TerminalClient } from "./terminal-client";
import type { Deposit, FundingQuery } from "./transform-settlement";
import { cardpointeUrls, type CardPointeRoots } from "./urls";

export interface CardPointeAdapterOptions {
  roots: CardPointeRoots;
  merchid: string;
  username: string;
  password: string;
  /** Integrated Terminal API key; without it the terminal calls are refused as unavailable. */
  terminalApiKey?: string;
  /** The merchant's default terminal (HSN). */
  hsn?: string;
  timeoutMs?: number;
  /** Test hooks. */
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
  /** Roots the browser loads the iFrame tokenizer from, when they differ from the server's (sandbox vendor hosts). */
  tokenizerRoots?: CardPointeRoots;
  terminalQuickWaitMs?: number;
  onBackground?: (p: Promise<unknown>) => void;
}

export const CARDPOINTE_CAPABILITIES: GatewayCapabilities = Object.freeze({
  vault: true,
  // No profile search at CardPointe: the portal's cache is the customer list.
  customerSearch: false,
  achPayments: true,
  partialRefunds: true,
  // Recurring billing lives in CoPilot billing plans, not in the gateway API.
  recurring: false,
  invoices: false,
  terminals: true,
  terminalSettle: false,
  settlementSearch: true,
  fileBatch: false,
  feeCalculation: false,
  tokenizer: true,
});

/** Extras only CardPointe has; reach them through `isCardPointeAdapter`. */
export interface CardPointeAdapter extends GatewayAdapter {
  family: "cardpointe";
  merchid: string;
  /** Deposits with fees and adjustments, linked to the batches they pay. */
  funding(query: FundingQuery): Promise<Deposit[]>;
  /**
   * `GET /closebatch/{merchid}/{batchid}` (specs/services.md L43): closes the named open batch, or the lowest open
   * one. `closed: false` when the gateway answers `noBatch`.
   */
  closeBatch(batchId?: string): Promise<{ batchId: string | null; closed: boolean }>;
  /** Every record of an order on this MID (sales, captures, refunds). */
  inquireByOrderid(orderid: string): Promise<Transaction[]>;
  pingTerminal(hsn: string): Promise<boolean>;
  terminals: CardPointeTerminalsApi;
  /**
   * `sigcap` (CardPointeGatewayAPI.yaml L601; services.md §2): attach a signature (base64 gzipped BMP, as the
   * terminal's readSignature returns it) to an authorization; later inquires return it.
   */
  sigcap(retref: string, signature: string): Promise<void>;
  defaultTerminal: string | null;
  /** `GET /inquireMerchant/{merchid}`: the harmless documented read behind "test connection". */
  inquireMerchant(): Promise<{ merchid: string; enabled: boolean; cardproc: string | null; site: string | null }>;
  /** The Gateway REST base URL this adapter calls (shown by "test connection"). */
  gatewayUrl: string;
}

export function isCardPointeAdapter(a: GatewayAdapter): a is CardPointeAdapter {
  return a.family === "cardpointe" && typeof (a as Partial<CardPointeAdapter>).funding === "function";
}

/**
 * The hosted iFrame Tokenizer: an iframe page on the CardSecure host that posts `{"message": "<token>",
 * "expiry": "MMYY"}` to its parent. There is no script to load and no public key: the page is keyed by site.
 */
export function cardpointeTokenizerConfig(roots: CardPointeRoots): TokenizerConfig {
  const itoke = cardpointeUrls(roots).itoke;
  return {
    family: "cardpointe",
    scriptUrl: "",
    url: `${itoke}?useexpiry=true&usecvv=true&tokenizewheninactive=true`,
    publicKey: "",
    paymentTypes: ["card"],
  };
}

/** A rejected promise (not a synchronous throw), like every other adapter call that fails. */
function unsupported(capability: Capability): Promise<never> {
  return Promise.reject(new Unsupported("cardpointe", capability));
}

export function createCardPointeAdapter(options: CardPointeAdapterOptions): CardPointeAdapter {
  const urls = cardpointeUrls(options.roots);
  const client = new CardPointeClient({
    baseUrl: urls.gateway,
    username: options.username,
    password: options.password,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    backoffMs: options.backoffMs,
    fetch: options.fetch,
  });
  const terminal = new TerminalClient({
    baseUrl: urls.terminal,
    apiKey: options.terminalApiKey ?? "",
    merchid: options.merchid,
    fetch: options.fetch,
  });
  const now = () => new Date();
  const vault = vaultApi(client, options.merchid);
  const transactions = transactionsApi({ client, merchid: options.merchid, now }, (p) => vault.defaultAccountId(p));
  const terminals = terminalsApi({
    terminal,
    byOrderId: (o) => transactions.inquireByOrderid(o),
    get: (id) => transactions.get(id),
    quickWaitMs: options.terminalQuickWaitMs,
    onSettled: options.onBackground,
  });
  const catalog = {
    create: () => unsupported("recurring"),
    get: () => unsupported("recurring"),
    update: () => unsupported("recurring"),
    delete: () => unsupported("recurring"),
    list: () => unsupported("recurring"),
  };
  return {
    family: "cardpointe",
    merchid: options.merchid,
    capabilities: CARDPOINTE_CAPABILITIES,
    transactions,
    vault,
    recurring: {
      addOns: catalog,
      discounts: catalog,
      plans: catalog,
      subscriptions: {
        create: () => unsupported("recurring"),
        get: () => unsupported("recurring"),
        update: () => unsupported("recurring"),
        delete: () => unsupported("recurring"),
        setStatus: () => unsupported("recurring"),
      },
    },
    invoices: {
      create: () => unsupported("invoices"),
      get: () => unsupported("invoices"),
      update: () => unsupported("invoices"),
      delete: () => unsupported("invoices"),
      search: () => unsupported("invoices"),
      pay: () => unsupported("invoices"),
      markPaid: () => unsupported("invoices"),
    },
    terminals,
    settlement: settlementApi(client, options.merchid, now),
    fileBatches: {
      upload: () => unsupported("fileBatch"),
      get: () => unsupported("fileBatch"),
      download: () => unsupported("fileBatch"),
    },
    fees: {
      lookup: () => unsupported("feeCalculation"),
      calculate: () => unsupported("feeCalculation"),
    },
    tokenizerConfig: () => cardpointeTokenizerConfig(options.tokenizerRoots ?? options.roots),
    funding: (query) => fundingBetween(client, options.merchid, query),
    async closeBatch(batchId) {
      const path = `/closebatch/${encodeURIComponent(options.merchid)}${batchId ? `/${encodeURIComponent(batchId)}` : ""}`;
      const r = await client.get({ path }, closeBatchSchema);
      return { batchId: r.batchid || null, closed: (r.respcode ?? "").toLowerCase() === "success" };
    },
    inquireByOrderid: (orderid) => transactions.inquireByOrderid(orderid),
    pingTerminal: (hsn) => terminals.ping(hsn),
    async sigcap(retref, signature) {
      const w = await client.write(
        { path: "/sigcap", body: { merchid: options.merchid, retref, signature } },
        sigcapSchema,
      );
      // The spec's example answers respcode "00", the Python client treats "02" as success (services.md §2).
      const ok = w.respstat === "A" || w.respcode === "00" || w.respcode === "02";
      if (!ok) throw toGatewayError({ ...w, retref, respstat: w.respstat ?? "C" }, "sigcap");
    },
    defaultTerminal: options.hsn ?? null,
    gatewayUrl: urls.gateway,
    async inquireMerchant() {
      const r = await client.get(
        { path: `/inquireMerchant/${encodeURIComponent(options.merchid)}` },
        inquireMerchantSchema,
      );
      return {
        merchid: r.merchid,
        enabled: r.enabled === true || r.enabled === "true" || r.enabled === "Y",
        cardproc: r.cardproc ?? null,
        site: r.site ?? null,
      };
    },
  };
}
