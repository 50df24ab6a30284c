CREATE TABLE "daily_brand_rollups" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"brand" text NOT NULL,
	"entry_mode" text NOT NULL,
	"volume" bigint DEFAULT 0 NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_brand_rollups_merchant_id_day_brand_entry_mode_pk" PRIMARY KEY("merchant_id","day","brand","entry_mode")
);
--> statement-breakpoint
CREATE TABLE "daily_decline_rollups" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_decline_rollups_merchant_id_day_reason_pk" PRIMARY KEY("merchant_id","day","reason")
);
--> statement-breakpoint
CREATE TABLE "daily_rollups" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"gross_volume" bigint DEFAULT 0 NOT NULL,
	"transaction_count" integer DEFAULT 0 NOT NULL,
	"approved_count" integer DEFAULT 0 NOT NULL,
	"declined_count" integer DEFAULT 0 NOT NULL,
	"refund_amount" bigint DEFAULT 0 NOT NULL,
	"refund_count" integer DEFAULT 0 NOT NULL,
	"settled_amount" bigint DEFAULT 0 NOT NULL,
	"surcharge_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_rollups_merchant_id_day_currency_pk" PRIMARY KEY("merchant_id","day","currency")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"merchant_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"name" text,
	"email" text,
	"company" text,
	"phone" text,
	"description" text,
	"default_method_kind" text,
	"default_card_brand" text,
	"default_last_four" text,
	"default_masked" text,
	"payment_method_count" integer DEFAULT 0 NOT NULL,
	"provider_created_at" timestamp with time zone NOT NULL,
	"provider_updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_merchant_id_provider_id_pk" PRIMARY KEY("merchant_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"merchant_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"family" "gateway_family" NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"approved" boolean NOT NULL,
	"amount" bigint NOT NULL,
	"authorized_amount" bigint DEFAULT 0 NOT NULL,
	"captured_amount" bigint DEFAULT 0 NOT NULL,
	"settled_amount" bigint DEFAULT 0 NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"tax_amount" bigint DEFAULT 0 NOT NULL,
	"shipping_amount" bigint DEFAULT 0 NOT NULL,
	"tip_amount" bigint DEFAULT 0 NOT NULL,
	"surcharge_amount" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"method_kind" text NOT NULL,
	"card_brand" text,
	"masked_number" text,
	"last_four" text,
	"entry_type" text,
	"avs_code" text,
	"cvv_code" text,
	"response_code" integer,
	"response_text" text,
	"auth_code" text,
	"order_id" text,
	"po_number" text,
	"description" text,
	"customer_id" text,
	"subscription_id" text,
	"invoice_id" text,
	"batch_id" text,
	"referenced_transaction_id" text,
	"source" text,
	"provider_created_at" timestamp with time zone NOT NULL,
	"provider_updated_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transactions_merchant_id_provider_id_pk" PRIMARY KEY("merchant_id","provider_id")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_merchant_id_provider_created_at_provider_id_index" ON "customers" USING btree ("merchant_id","provider_created_at" DESC NULLS LAST,"provider_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "customers_merchant_id_email_index" ON "customers" USING btree ("merchant_id","email");--> statement-breakpoint
CREATE INDEX "customers_merchant_id_default_last_four_index" ON "customers" USING btree ("merchant_id","default_last_four");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_provider_created_at_provider_id_index" ON "transactions" USING btree ("merchant_id","provider_created_at" DESC NULLS LAST,"provider_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_last_four_index" ON "transactions" USING btree ("merchant_id","last_four");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_order_id_index" ON "transactions" USING btree ("merchant_id","order_id");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_customer_id_index" ON "transactions" USING btree ("merchant_id","customer_id");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_status_provider_created_at_index" ON "transactions" USING btree ("merchant_id","status","provider_created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_batch_id_index" ON "transactions" USING btree ("merchant_id","batch_id");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_invoice_id_index" ON "transactions" USING btree ("merchant_id","invoice_id") WHERE "transactions"."invoice_id" is not null;--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_subscription_id_index" ON "transactions" USING btree ("merchant_id","subscription_id") WHERE "transactions"."subscription_id" is not null;