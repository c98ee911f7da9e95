CREATE TABLE "executions" (
	"id" text PRIMARY KEY NOT NULL,
	"strategy" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"symbol" text,
	"side" text,
	"exchanges" text,
	"idempotency_key" text,
	"request" json NOT NULL,
	"result" json,
	"outcome" text,
	"error" text,
	"profit" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL,
	"completed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "order_attempts" (
	"client_order_id" text PRIMARY KEY NOT NULL,
	"execution_id" text NOT NULL,
	"role" text NOT NULL,
	"seq" integer NOT NULL,
	"exchange" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"amount" text NOT NULL,
	"price" text,
	"status" text NOT NULL,
	"exchange_order_id" text,
	"filled" text,
	"average" text,
	"cost" text,
	"fee" text,
	"fee_currency" text,
	"error" text,
	"error_type" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_fills" (
	"exchange" text NOT NULL,
	"symbol" text NOT NULL,
	"trade_id" text NOT NULL,
	"client_order_id" text NOT NULL,
	"execution_id" text NOT NULL,
	"exchange_order_id" text NOT NULL,
	"side" text NOT NULL,
	"price" text NOT NULL,
	"amount" text NOT NULL,
	"fee" text,
	"fee_currency" text,
	"liquidity" text,
	"traded_at" bigint NOT NULL,
	"recorded_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"exchange" text NOT NULL,
	"status" text NOT NULL,
	"started_at" bigint NOT NULL,
	"completed_at" bigint NOT NULL,
	"symbols" json NOT NULL,
	"checked" json,
	"differences" json NOT NULL,
	"difference_count" integer NOT NULL,
	"settled_count" integer NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "risk_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"actor" text NOT NULL,
	"detail" json NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_limits" (
	"id" integer PRIMARY KEY NOT NULL,
	"limits" json NOT NULL,
	"updated_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"execution_id" text NOT NULL,
	"seq" integer NOT NULL,
	"selected" text,
	"reason" text NOT NULL,
	"expected_average_price" text,
	"liquidity_score" text,
	"expected_slippage_bps" text,
	"candidates" json NOT NULL,
	"split_plan" json,
	"created_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_reservations" (
	"client_order_id" text PRIMARY KEY NOT NULL,
	"exchange" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trading_states" (
	"scope" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000)::bigint) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_attempts" ADD CONSTRAINT "order_attempts_execution_id_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."executions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_fills" ADD CONSTRAINT "order_fills_client_order_id_order_attempts_client_order_id_fk" FOREIGN KEY ("client_order_id") REFERENCES "public"."order_attempts"("client_order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD CONSTRAINT "routing_decisions_execution_id_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."executions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "executions_strategy_idx" ON "executions" USING btree ("strategy","created_at");--> statement-breakpoint
CREATE INDEX "executions_symbol_idx" ON "executions" USING btree ("symbol");--> statement-breakpoint
CREATE INDEX "executions_status_idx" ON "executions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "order_attempts_execution_idx" ON "order_attempts" USING btree ("execution_id","seq");--> statement-breakpoint
CREATE INDEX "order_attempts_exchange_created_idx" ON "order_attempts" USING btree ("exchange","created_at");--> statement-breakpoint
CREATE INDEX "order_attempts_created_idx" ON "order_attempts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_fills_trade" ON "order_fills" USING btree ("exchange","symbol","trade_id");--> statement-breakpoint
CREATE INDEX "order_fills_execution_idx" ON "order_fills" USING btree ("execution_id","traded_at");--> statement-breakpoint
CREATE INDEX "order_fills_traded_idx" ON "order_fills" USING btree ("traded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_reports_run_exchange" ON "reconciliation_reports" USING btree ("run_id","exchange");--> statement-breakpoint
CREATE INDEX "reconciliation_reports_exchange_idx" ON "reconciliation_reports" USING btree ("exchange","completed_at");--> statement-breakpoint
CREATE INDEX "risk_events_kind_at_idx" ON "risk_events" USING btree ("kind","at");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_decisions_execution_seq" ON "routing_decisions" USING btree ("execution_id","seq");--> statement-breakpoint
CREATE INDEX "send_reservations_exchange_at_idx" ON "send_reservations" USING btree ("exchange","at");