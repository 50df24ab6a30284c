"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { type BatchCheck, checkBatchCsv } from "@/lib/validations/file-batches";

interface Progress {
  id: string;
  status: string;
  lineCount: number | null;
  processedLines: number | null;
}

/** Pick a CSV, check it in the browser, upload it, then follow the gateway's progress. */
export function FileBatchUploader({ merchantId }: { merchantId: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<BatchCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [batchId, setBatchId] = useState<string | null>(null);
  const base = `/api/m/${merchantId}/file-batches`;

  const progress = useQuery<Progress>({
    queryKey: ["file-batch", merchantId, batchId],
    enabled: batchId !== null,
    queryFn: async () => {
      const r = await fetch(`${base}/${batchId}`);
      if (!r.ok) throw new Error("Could not read the batch's progress.");
      return r.json();
    },
    refetchInterval: (q) => (q.state.data?.status === "completed" || q.state.data?.status === "failed" ? false : 700),
  });
  const done = progress.data?.status === "completed";
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);

  async function onPick(f: File | undefined) {
    setError(null);
    setBatchId(null);
    setFile(f ?? null);
    setIntentId(crypto.randomUUID());
    setCheck(f ? checkBatchCsv(await f.text()) : null);
  }

  // One intent per file chosen: the same upload sent twice makes one batch (lib/services/intents.ts).
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());

  async function upload() {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("intentId", intentId);
      const r = await fetch(base, { method: "POST", body });
      const json = await r.json();
      if (!r.ok) setError(json.message ?? "The upload failed. Please try again.");
      else {
        setBatchId(json.id);
        setIntentId(crypto.randomUUID());
      }
    } catch {
      setError("The upload failed: the portal did not answer. Please try again.");
    } finally {
      setUploading(false);
    }
  }

  const p = progress.data;
  const pct = p?.lineCount ? Math.round(((p.processedLines ?? 0) / p.lineCount) * 100) : 0;
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium">
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onPick(e.target.files?.[0])}
          className="mt-1 block text-sm"
        />
      </label>
      {check && check.fileErrors.length > 0 && (
        <ul role="alert" className="list-disc rounded-md bg-red-50 py-2 pr-3 pl-6 text-sm text-red-800">
          {check.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {check && check.fileErrors.length === 0 && (
        <div className="space-y-2 text-sm">
          <p>
            {check.rows.length} row{check.rows.length === 1 ? "" : "s"} ·{" "}
            {check.rowProblems.length === 0 ? (
              <span className="text-green-700">no problems found</span>
            ) : (
              <span className="text-amber-700">
                {check.rowProblems.length} row{check.rowProblems.length === 1 ? "" : "s"} will be rejected
              </span>
            )}
          </p>
          {check.rowProblems.length > 0 && (
            <ul
              className="max-h-32 overflow-auto rounded-md bg-amber-50 p-2 text-xs text-amber-900"
              aria-label="Row problems"
            >
              {check.rowProblems.slice(0, 50).map((p) => (
                <li key={p.line}>
                  Row {p.line}: {p.message}
                </li>
              ))}
            </ul>
          )}
          <div className="max-h-56 overflow-auto rounded border border-slate-200">
            <table className="w-full text-left text-xs" aria-label="Preview">
              <thead className="sticky top-0 bg-slate-50">
                <tr>
                  <th className="px-2 py-1">#</th>
                  {check.columns.map((c) => (
                    <th key={c} className="px-2 py-1 font-medium">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {check.rows.slice(0, 20).map((r, i) => (
                  <tr key={i} className={check.rowProblems.some((p) => p.line === i + 1) ? "bg-amber-50" : ""}>
                    <td className="px-2 py-1 text-slate-500">{i + 1}</td>
                    {check.columns.map((c) => (
                      <td key={c} className="px-2 py-1">
                        {r[c]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            onClick={() => void upload()}
            disabled={uploading || batchId !== null}
            className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {uploading ? "Uploading…" : `Upload ${check.rows.length} rows`}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {batchId && (
        <div className="space-y-1" aria-live="polite">
          <div className="flex justify-between text-sm">
            <span>{done ? "Completed" : "Processing at the gateway…"}</span>
            <span className="tabular-nums">
              {p?.processedLines ?? 0} / {p?.lineCount ?? "…"}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label="File batch progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-2 overflow-hidden rounded bg-slate-100"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          {done && (
            <a href={`${base}/${batchId}/result.csv`} className="inline-block text-sm text-brand-700 underline">
              Download the result file
            </a>
          )}
          {progress.isError && <p className="text-sm text-red-700">Could not read the progress; retrying…</p>}
        </div>
      )}
    </div>
  );
}
