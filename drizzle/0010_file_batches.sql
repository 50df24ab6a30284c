CREATE TABLE "file_batches" (
	"merchant_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"line_count" integer,
	"processed_lines" integer,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_batches_merchant_id_provider_id_pk" PRIMARY KEY("merchant_id","provider_id")
);
--> statement-breakpoint
ALTER TABLE "file_batches" ADD CONSTRAINT "file_batches_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_batches" ADD CONSTRAINT "file_batches_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_batches_merchant_id_created_at_index" ON "file_batches" USING btree ("merchant_id","created_at" DESC NULLS LAST);