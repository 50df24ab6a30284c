import "server-only";
import { z } from "zod";
import { seal, unseal } from "@/lib/crypto/keys";
import { createElasticPathClient, type ElasticPathClient } from "@/lib/elasticpath";
import { env } from "@/lib/env";

/**
 * An Elastic Path store's access credential, sealed at rest (purpose "elasticpath-credentials", bound to the
 * store's row) and never sent to the browser: screens show its last four characters.
 */
export const ELASTIC_PATH_PURPOSE = "elasticpath-credentials";

const schema = z.object({ accessToken: z.string().min(1) });
export type ElasticPathSecret = z.infer<typeof schema>;

export function elasticPathBinding(storeId: string): string {
  return `elastic_path_stores/${storeId}/credentials_enc`;
}

export function sealElasticPathSecret(s: ElasticPathSecret, storeId: string): string {
  return seal(JSON.stringify(schema.parse(s)), ELASTIC_PATH_PURPOSE, elasticPathBinding(storeId));
}

export function unsealElasticPathSecret(sealed: string, storeId: string): ElasticPathSecret {
  return schema.parse(JSON.parse(unseal(sealed, ELASTIC_PATH_PURPOSE, elasticPathBinding(storeId))));
}

export function elasticPathClientFor(store: {
  environment: "sandbox" | "production";
  apiBase: string | null;
  accessToken: string;
}): ElasticPathClient {
  const e = env();
  if (store.environment === "sandbox" && !e.sandboxEnabled) {
    throw new Error("a sandbox Elastic Path store cannot be used with the sandboxes off");
  }
  return createElasticPathClient({
    environment: store.environment,
    apiBase: store.apiBase,
    accessToken: store.accessToken,
    appUrl: e.appUrl,
    vendorHosts: e.sandboxVendorHosts,
  });
}
