DROP INDEX "customers_merchant_id_provider_created_at_provider_id_index";--> statement-breakpoint
DROP INDEX "transactions_merchant_id_provider_created_at_provider_id_index";--> statement-breakpoint
DROP INDEX "transactions_merchant_id_status_provider_created_at_index";--> statement-breakpoint
DROP INDEX "sync_runs_merchant_id_started_at_index";--> statement-breakpoint
DROP INDEX "settlement_batches_merchant_id_batch_date_index";--> statement-breakpoint
DROP INDEX "subscriptions_merchant_id_provider_created_at_provider_id_index";--> statement-breakpoint
DROP INDEX "invoices_merchant_id_provider_created_at_provider_id_index";--> statement-breakpoint
DROP INDEX "outbox_merchant_id_created_at_index";--> statement-breakpoint
DROP INDEX "file_batches_merchant_id_created_at_index";--> statement-breakpoint
CREATE INDEX "customers_merchant_id_provider_created_at_provider_id_index" ON "customers" USING btree ("merchant_id","provider_created_at","provider_id");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_provider_created_at_provider_id_index" ON "transactions" USING btree ("merchant_id","provider_created_at","provider_id");--> statement-breakpoint
CREATE INDEX "transactions_merchant_id_status_provider_created_at_index" ON "transactions" USING btree ("merchant_id","status","provider_created_at");--> statement-breakpoint
CREATE INDEX "sync_runs_merchant_id_started_at_index" ON "sync_runs" USING btree ("merchant_id","started_at");--> statement-breakpoint
CREATE INDEX "settlement_batches_merchant_id_batch_date_index" ON "settlement_batches" USING btree ("merchant_id","batch_date");--> statement-breakpoint
CREATE INDEX "subscriptions_merchant_id_provider_created_at_provider_id_index" ON "subscriptions" USING btree ("merchant_id","provider_created_at","provider_id");--> statement-breakpoint
CREATE INDEX "invoices_merchant_id_provider_created_at_provider_id_index" ON "invoices" USING btree ("merchant_id","provider_created_at","provider_id");--> statement-breakpoint
CREATE INDEX "outbox_merchant_id_created_at_index" ON "outbox" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "file_batches_merchant_id_created_at_index" ON "file_batches" USING btree ("merchant_id","created_at");