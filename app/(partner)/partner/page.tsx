import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { listPartnerMerchants } from "@/db/queries/merchants";
import { requirePartnerPage } from "@/lib/auth/page";
import { currentPartnerId } from "@/lib/services/partners/current";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  gateway: z.enum(["fluidpay", "cardpointe"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

export default async function PortfolioPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const partnerId = await currentPartnerId().catch(() => notFound());
  const ctx = await requirePartnerPage(partnerId, "partner:view");
  const q = querySchema.parse(await searchParams);
  const page = q.page ?? 1;
  const { rows, total } = await listPartnerMerchants(getDb(), {
    partnerId: ctx.partnerId,
    agentUserId: ctx.agentUserId,
    search: q.q,
    gateway: q.gateway,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const qs = (p: number) =>
    `?${new URLSearchParams({ ...(q.q ? { q: q.q } : {}), ...(q.gateway ? { gateway: q.gateway } : {}), page: String(p) })}`;
  return (
    <section>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Portfolio</h1>
          <p className="text-sm text-slate-600">
            {ctx.role === "partner_agent" ? "Merchants assigned to you" : "Every merchant of your partner account"} ·{" "}
            {total} merchant{total === 1 ? "" : "s"}
          </p>
        </div>
        <a
          href={`/api/partner/${ctx.partnerId}/portfolio.csv`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Export CSV
        </a>
      </div>
      <form className="mt-4 flex flex-wrap gap-2" role="search">
        <label className="sr-only" htmlFor="q">
          Search merchants
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q.q}
          placeholder="Search by name"
          className="rounded-md border border-slate-300 px-3 py-1.5"
        />
        <label className="sr-only" htmlFor="gateway">
          Gateway
        </label>
        <select
          id="gateway"
          name="gateway"
          defaultValue={q.gateway ?? ""}
          className="rounded-md border border-slate-300 px-2 py-1.5"
        >
          <option value="">All gateways</option>
          <option value="fluidpay">Gateway (FluidPay family)</option>
          <option value="cardpointe">CardPointe</option>
        </select>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Search</button>
      </form>
      {rows.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No merchants match.
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Merchant</th>
                <th className="px-4 py-2 font-medium">Gateway</th>
                <th className="px-4 py-2 font-medium">MID</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Last 30 days</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={`/m/${m.id}`} className="font-medium text-brand-700 hover:underline">
                      {m.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{m.gateway === "cardpointe" ? "CardPointe" : "Gateway"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{m.mid ?? "—"}</td>
                  <td className="px-4 py-2 capitalize">{m.status}</td>
                  <td className="px-4 py-2 text-slate-500">no data yet</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pagination" className="mt-4 flex gap-3 text-sm">
          {page > 1 && <Link href={qs(page - 1)}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={qs(page + 1)}>Next →</Link>}
        </nav>
      )}
    </section>
  );
}
