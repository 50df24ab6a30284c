CREATE TABLE "settlement_batches" (
	"merchant_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"batch_date" timestamp with time zone NOT NULL,
	"batch_number" integer,
	"processor_name" text,
	"transaction_count" integer DEFAULT 0 NOT NULL,
	"captured_amount" bigint DEFAULT 0 NOT NULL,
	"credit_amount" bigint DEFAULT 0 NOT NULL,
	"net_deposit" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"response_message" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_batches_merchant_id_provider_id_pk" PRIMARY KEY("merchant_id","provider_id")
);
--> statement-breakpoint
ALTER TABLE "settlement_batches" ADD CONSTRAINT "settlement_batches_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlement_batches_merchant_id_batch_date_index" ON "settlement_batches" USING btree ("merchant_id","batch_date" DESC NULLS LAST);