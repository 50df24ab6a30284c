import { Declined, NotFound } from "../errors";
import type { FeesApi, FileBatchApi, SettlementApi, TerminalsApi, TransactionsApi } from "../types";
import type { FluidPayClient } from "./client";
import {
  amountsEnvelope,
  batchSearchEnvelope,
  emptyEnvelope,
  feeLookupEnvelope,
  fileBatchStatusSchema,
  fileBatchUploadEnvelope,
  terminalListEnvelope,
} from "./schemas";
import {
  pageLimit,
  toAmountQuote,
  toAmountsBody,
  toBatchSearchBody,
  toBatchSearchResult,
  toFeeLookupBody,
  toFeeQuote,
  toFileBatch,
  toTerminal,
  toTerminalRun,
} from "./transform";

const enc = encodeURIComponent;

export function terminalsApi(client: FluidPayClient, transactions: TransactionsApi): TerminalsApi {
  return {
    async list() {
      return ((await client.json({ method: "GET", path: "/terminals" }, terminalListEnvelope)).data ?? []).map(
        toTerminal,
      );
    },

    async run(input) {
      try {
        const t = await transactions.create({
          type: input.type,
          amount: input.amount,
          tipAmount: input.tipAmount,
          taxAmount: input.taxAmount,
          orderId: input.orderId,
          description: input.description,
          idempotencyKey: input.idempotencyKey,
          source: {
            kind: "terminal",
            terminalId: input.terminalId,
            printReceipt: input.printReceipt,
            signatureRequired: input.signatureRequired,
          },
        });
        return toTerminalRun(t);
      } catch (err) {
        // A decline at the device is an outcome to show in the progress view, not a failure of the call.
        if (err instanceof Declined && err.transaction) return toTerminalRun(err.transaction);
        throw err;
      }
    },

    async poll(transactionId) {
      return toTerminalRun(await transactions.get(transactionId));
    },

    async settle(terminalId) {
      await client.json({ method: "POST", path: `/terminal/${enc(terminalId)}/settle`, body: {} }, emptyEnvelope);
    },
  };
}

export function settlementApi(client: FluidPayClient): SettlementApi {
  return {
    async searchBatches(query = {}) {
      const limit = pageLimit(query.limit, 10);
      const offset = Math.max(0, Math.trunc(query.offset ?? 0));
      const res = await client.json(
        {
          method: "POST",
          path: "/settlement/batch/search",
          body: toBatchSearchBody(query, limit, offset),
          readOnly: true,
        },
        batchSearchEnvelope,
      );
      return toBatchSearchResult(res, limit, offset);
    },
  };
}

export function fileBatchApi(client: FluidPayClient): FileBatchApi {
  return {
    async upload(csv, fileName = "batch.csv") {
      const form = new FormData();
      form.append("file", new Blob([csv], { type: "text/csv" }), fileName);
      // Not retried: an upload carries no idempotency key, so a repeat could process the rows twice.
      const res = await client.json({ method: "POST", path: "/filebatch", form }, fileBatchUploadEnvelope);
      return toFileBatch(res.data);
    },

    async get(id) {
      const res = await client.json({ method: "GET", path: `/filebatch/${enc(id)}` }, fileBatchStatusSchema);
      const wire = "data" in res ? res.data : res;
      if (!wire) throw new NotFound(`file batch ${id} not found`);
      return toFileBatch(wire);
    },

    async download(id) {
      return client.text({ method: "GET", path: `/filebatch/${enc(id)}/download` });
    },
  };
}

export function feesApi(client: FluidPayClient, defaultProcessorId?: string): FeesApi {
  return {
    async lookup(input) {
      const res = await client.json(
        { method: "POST", path: "/lookup/fees", body: toFeeLookupBody(input), readOnly: true },
        feeLookupEnvelope,
      );
      return toFeeQuote(res.data, input.baseAmount);
    },
    async calculate(input) {
      const res = await client.json(
        {
          method: "POST",
          path: "/calculate/amounts",
          body: toAmountsBody({ ...input, processorId: input.processorId ?? defaultProcessorId }),
          readOnly: true,
        },
        amountsEnvelope,
      );
      return toAmountQuote(res.data);
    },
  };
}
