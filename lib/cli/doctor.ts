import pg from "pg";
import { needsReseal, unseal, unsealLegacy } from "@/lib/crypto/keys";
import { MERCHANT_CREDENTIALS_PURPOSE, merchantCredentialsBinding } from "@/lib/connections/credentials";
import { rawEnv, rawEnvAll, setProcessEnv } from "@/lib/env";
import { databaseChecks, type DatabaseFacts, envChecks, report } from "./doctor-checks";

/**
 * `npm run doctor`: prints what is configured for a production start (`NODE_ENV=production npm start`) and what is
 * missing, and exits 1 when that start would fail. Reads the database (counts only) when DATABASE_URL is set.
 */
const { findings, env } = envChecks(rawEnvAll());
if (env && rawEnv("DATABASE_URL")) {
  setProcessEnv("NODE_ENV", "production");
  const facts: DatabaseFacts = { reachable: false };
  const client = new pg.Client({ connectionString: rawEnv("DATABASE_URL"), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    facts.reachable = true;
    const exists = async (t: string) =>
      (await client.query<{ r: string | null }>(`select to_regclass($1) as r`, [t])).rows[0]?.r != null;
    if (await exists("public.merchants")) {
      const byEnv = await client.query<{ environment: string; n: string }>(
        `select environment::text as environment, count(*)::text as n from merchants group by 1`,
      );
      facts.merchantsByEnvironment = Object.fromEntries(byEnv.rows.map((r) => [r.environment, Number(r.n)]));
      facts.merchantsWithoutCredentials = Number(
        (await client.query(`select count(*) as n from merchants where credentials_enc is null`)).rows[0].n,
      );
      const sealed = await client.query<{ id: string; c: string }>(
        `select id, credentials_enc as c from merchants where credentials_enc is not null`,
      );
      let unreadable = 0;
      for (const r of sealed.rows) {
        try {
          const binding = merchantCredentialsBinding(r.id);
          if (needsReseal(r.c)) unsealLegacy(r.c, MERCHANT_CREDENTIALS_PURPOSE, binding);
          else unseal(r.c, MERCHANT_CREDENTIALS_PURPOSE, binding);
        } catch {
          unreadable++;
        }
      }
      facts.unreadableSecrets = unreadable;
    }
    if (await exists("public.partner_integrations")) {
      facts.partnersWithoutProductionCopilot = Number(
        (
          await client.query(
            `select count(*) as n from partners p where not exists (select 1 from partner_integrations i
               where i.partner_id = p.id and i.provider = 'copilot' and i.environment = 'production')`,
          )
        ).rows[0].n,
      );
    }
    if (await exists("public.elastic_path_stores")) {
      facts.sandboxElasticPathStores = Number(
        (await client.query(`select count(*) as n from elastic_path_stores where environment = 'sandbox'`)).rows[0].n,
      );
    }
  } catch (err) {
    facts.error = err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
  findings.push(...databaseChecks(facts));
}
const r = report(findings);
console.log("Production configuration (as `NODE_ENV=production npm start` would see it):\n");
console.log(r.text);
process.exit(r.failed ? 1 : 0);
