ALTER TYPE "public"."gateway_environment" ADD VALUE 'uat' BEFORE 'production';--> statement-breakpoint
CREATE TABLE "daily_channel_rollups" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"volume" bigint DEFAULT 0 NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_channel_rollups_merchant_id_day_channel_pk" PRIMARY KEY("merchant_id","day","channel")
);
--> statement-breakpoint
CREATE TABLE "elastic_path_stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"environment" text NOT NULL,
	"api_base" text,
	"client_id" text NOT NULL,
	"credentials_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "copilot_environment" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "elastic_path_stores" ADD CONSTRAINT "elastic_path_stores_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "elastic_path_stores_merchant_id_index" ON "elastic_path_stores" USING btree ("merchant_id");--> statement-breakpoint
-- hand-written:
-- Backfill of the channel rollups from the cached transactions: the same rule as lib/sync/contribution.ts
-- (approved charge volume, one count per charge with volume) and lib/sync/channel.ts (explicit channel, else derived).
INSERT INTO "daily_channel_rollups" ("merchant_id", "day", "channel", "volume", "count")
SELECT "merchant_id", "day", "channel", sum("gross"), count(*)
FROM (
  SELECT "merchant_id",
         to_char("provider_created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')::date AS "day",
         coalesce("channel",
           CASE WHEN "invoice_id" IS NOT NULL THEN 'invoice'
                WHEN "subscription_id" IS NOT NULL THEN 'recurring'
                WHEN "method_kind" = 'terminal' THEN 'terminal'
                ELSE 'virtual_terminal' END) AS "channel",
         CASE WHEN "type" IN ('sale', 'authorize')
                   AND "status" IN ('authorized', 'pending_settlement', 'settled', 'refunded', 'partially_refunded')
              THEN coalesce(nullif("captured_amount", 0), nullif("authorized_amount", 0), "amount")
              ELSE 0 END AS "gross"
  FROM "transactions"
) t
WHERE "gross" <> 0
GROUP BY "merchant_id", "day", "channel"
ON CONFLICT DO NOTHING;
