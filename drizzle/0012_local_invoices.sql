CREATE TABLE "invoice_number_counters" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"last_number" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_payments" (
	"merchant_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"invoice_id" text NOT NULL,
	"attempt_id" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"surcharge" bigint DEFAULT 0 NOT NULL,
	"surcharge_rate" integer DEFAULT 0 NOT NULL,
	"transaction_id" text,
	"response_text" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_payments_merchant_id_idempotency_key_pk" PRIMARY KEY("merchant_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "invoice_settings" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"card_surcharge_rate" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "invoice_number_counters" ADD CONSTRAINT "invoice_number_counters_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_payments_merchant_id_invoice_id_created_at_index" ON "invoice_payments" USING btree ("merchant_id","invoice_id","created_at");--> statement-breakpoint
CREATE INDEX "invoice_payments_merchant_id_transaction_id_index" ON "invoice_payments" USING btree ("merchant_id","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_local_number_unique" ON "invoices" USING btree ("merchant_id","number") WHERE "invoices"."source" = 'local' and "invoices"."number" is not null;