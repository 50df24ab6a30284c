import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayFor } from "@/lib/gateway";
import { sandboxCardPointeCredentials } from "@/lib/services/merchants/provision-sandbox";
import { createCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { handler } from "@portal/sandbox/cardpointe";
import { serve, type Served } from "@/tests/helpers/serve";
import { Sandbox, tokenFor, type TestMerchant } from "./helpers";

/**
 * The embedded CardPointe sandbox is mounted inside Next.js, which answers any path with `//` by a 308 to the
 * collapsed path before routing (next/dist/server/base-server.js). CardPointe's "every account" profile calls use an
 * empty segment (`/profile/<id>//<merchid>`), so in the running portal they never reached the sandbox. This serves
 * the sandbox behind that same rule and checks the adapter, as the portal builds it, works through it.
 */
let sb: Sandbox;
let m: TestMerchant;
let behindNext: Served;

beforeAll(async () => {
  sb = await Sandbox.start();
  m = await sb.merchant({ site: "cpnext" });
  behindNext = await serve(async (req) => {
    const url = new URL(req.url);
    if (url.pathname.includes("//")) {
      const collapsed = url.pathname.replace(/\/{2,}/g, "/") + url.search;
      return new Response(collapsed, { status: 308, headers: { location: collapsed } });
    }
    return handler(req);
  });
});
afterAll(async () => {
  await behindNext.close();
  await sb.close();
});

const credentials = () => sandboxCardPointeCredentials(m);

describe("CardPointe adapter against the sandbox mounted in Next.js", () => {
  it("reads and deletes a whole profile (empty account segment) through the collapsed path", async () => {
    const gw = gatewayFor({
      family: "cardpointe",
      environment: "sandbox",
      appUrl: behindNext.url,
      credentials: credentials(),
    });
    const created = await gw.vault.createCustomer({
      paymentMethod: { kind: "token", token: await tokenFor(sb, m, "4788250000121443") },
      billingAddress: { firstName: "Ada", lastName: "Lovelace", postalCode: "10001" },
    });
    const read = await gw.vault.getCustomer(created.id);
    expect(read).toMatchObject({ id: created.id, description: "Ada Lovelace" });
    expect(read.paymentMethods).toEqual([expect.objectContaining({ brand: "visa", lastFour: "1443" })]);
    await gw.vault.deleteCustomer(created.id);
    await expect(gw.vault.getCustomer(created.id)).rejects.toMatchObject({ name: "NotFound" });
  });

  it("without the embedded transport creating a vault customer fails on the redirect (what the portal did before)", async () => {
    const root = `${behindNext.url}/sandbox/cardpointe/${sb.prefix(m)}`;
    const plain = createCardPointeAdapter({ roots: { connect: root, terminal: root }, ...credentials(), retries: 0 });
    // Creating a profile re-reads it as a whole (the empty account segment), so even the create fails.
    const token = await tokenFor(sb, m, "4788250000121443");
    const failure = await plain.vault.createCustomer({ paymentMethod: { kind: "token", token } }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ name: "Unavailable", message: expect.stringMatching(/network error/) });
  });
});
