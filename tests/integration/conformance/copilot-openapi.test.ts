import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { application, createMerchant, harness } from "../sandbox-copilot/helpers";
import { installMethodGuard } from "@/lib/security/method-guard";
import { trace } from "./trace";
import { conformance } from "./openapi";

/** The CoPilot emulator's answers checked against CoPilotAPI.yaml (issue #22 §2). */
const h = openForFile(harness);
const CP = "CoPilotAPI";

describe("CoPilot conforms to CoPilotAPI.yaml", () => {
  let merchantId: string;
  beforeAll(async () => {
    merchantId = await createMerchant(h);
  });

  it("merchant, equipment, order and lookup operations: success and error answers", async () => {
    const problems: string[] = [];
    const call = async (path: string, method: string, url: string, body?: unknown) => {
      const r = await h.api(method, url, body);
      const copy = r.clone();
      problems.push(...(await conformance(CP, path, method, r)));
      return copy;
    };
    await call("/merchant/{merchantId}", "GET", `/merchant/${merchantId}`);
    await call("/merchant/{merchantId}", "GET", "/merchant/999999999");
    await call("/merchant/{merchantId}", "GET", `/merchant/${"9".repeat(30)}`);
    await call("/merchant/{merchantId}/status", "GET", `/merchant/${merchantId}/status`);
    await call("/merchant/{merchantId}/signature", "GET", `/merchant/${merchantId}/signature`);
    await call("/merchant/{merchantId}/customfields", "GET", `/merchant/${merchantId}/customfields`);
    await call("/merchant/{merchantId}/ownerSiteUser", "GET", `/merchant/${merchantId}/ownerSiteUser`);
    await call("/merchant", "POST", "/merchant", { templateId: "x" });
    await call("/equipmentCatalog/list", "GET", "/equipmentCatalog/list?pageNumber=1&pageSize=5");
    await call("/lookup/stateCodes", "GET", "/lookup/stateCodes");
    const order = {
      merchantId,
      equipmentId: 10003,
      quantity: 1,
      unitPrice: 329,
      billToCd: "CUST",
      billingFrequencyCd: "ONETIME",
      shippingDetails: { shippingMethodCd: "STANDARD", shippingCarrierCd: "UPS", merchantContactPhone: "303-555-0100" },
    };
    const created = (await (await call("/order", "POST", "/order", { order })).json()) as { orderId: string };
    await call("/order", "POST", "/order", { order: { ...order, quantity: 0, acctId: "1".repeat(40) } });
    await call("/order/{orderId}", "GET", `/order/${created.orderId}`);
    await call("/order/{orderId}", "GET", "/order/999999999");
    await call("/order/list", "GET", `/order/list?merchantId=${merchantId}`);
    await call("/order/{orderId}/cancel", "POST", `/order/${created.orderId}/cancel`);
    await call("/order/{orderId}/cancel", "POST", `/order/${created.orderId}/cancel`);
    const token = "/auth/realms/cardconnect/protocol/openid-connect/token";
    for (const password of [h.creds.password, "wrong"]) {
      const r = await h.tokenRequest({
        grant_type: "password",
        client_id: "merchapi",
        client_secret: h.creds.client_secret,
        username: h.creds.username,
        password,
      });
      problems.push(...(await conformance(CP, token, "POST", r)));
    }
    expect(problems).toEqual([]);
  });
  it("merchant PUT, attachment PUT, signature PUT and DELETE: success and error answers", async () => {
    const problems: string[] = [];
    const call = async (path: string, method: string, url: string, body?: unknown) => {
      const r = await h.api(method, url, body);
      problems.push(...(await conformance(CP, path, method, r)));
    };
    const one = "/merchant/{merchantId}";
    await call(one, "PUT", `/merchant/${merchantId}`, { merchant: { demographic: application().demographic } });
    await call(one, "PUT", `/merchant/${merchantId}`, { merchant: { demographic: { businessPhone: "x" } } });
    await call(one, "PUT", "/merchant/999999999", { merchant: { dbaName: "Nobody" } });
    const att = "/merchant/{merchantId}/attachment";
    const document = Buffer.from("%PDF-1.1 voided check").toString("base64");
    const attachment = { fileName: "VoidedCheck.pdf", mimeType: "application/pdf", attachmentTypeCd: "VOIDBNKCHK1" };
    await call(att, "PUT", `/merchant/${merchantId}/attachment`, { attachment: { ...attachment, document } });
    await call(att, "PUT", `/merchant/${merchantId}/attachment`, {
      attachment: { ...attachment, mimeType: "video/mp4" },
    });
    await call(att, "PUT", "/merchant/999999999/attachment", { attachment: { ...attachment, document } });
    const sig = "/merchant/{merchantId}/signature";
    await call(sig, "PUT", `/merchant/${merchantId}/signature`);
    await call(sig, "PUT", `/merchant/${merchantId}/signature`);
    await call(sig, "DELETE", `/merchant/${merchantId}/signature`);
    await call(sig, "DELETE", `/merchant/${merchantId}/signature`);
    await call(sig, "PUT", "/merchant/999999999/signature");
    await call(sig, "DELETE", "/merchant/999999999/signature");
    expect(problems).toEqual([]);
  });

  it("an undocumented path answers 404; TRACE answers 405 with an Allow header", async () => {
    expect((await h.api("GET", "/merchant/search")).status).toBe(404);
    expect((await h.api("POST", "/nothing/here", {})).status).toBe(404);
    installMethodGuard(); // as instrumentation-node.ts does for every server in the portal's process
    const r = await h.api("GET", `/merchant/${merchantId}`);
    const t = await trace(r.url);
    expect(t.status).toBe(405);
    expect(t.allow).toBeTruthy();
  });
});
