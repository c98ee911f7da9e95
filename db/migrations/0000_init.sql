CREATE TABLE `executions` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`symbol` text,
	`side` text,
	`exchanges` text,
	`idempotency_key` text,
	`request` text NOT NULL,
	`result` text,
	`outcome` text,
	`error` text,
	`profit` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `executions_strategy_idx` ON `executions` (`strategy`,`created_at`);--> statement-breakpoint
CREATE INDEX `executions_symbol_idx` ON `executions` (`symbol`);--> statement-breakpoint
CREATE TABLE `order_attempts` (
	`client_order_id` text PRIMARY KEY NOT NULL,
	`execution_id` text NOT NULL,
	`role` text NOT NULL,
	`seq` integer NOT NULL,
	`exchange` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`type` text NOT NULL,
	`amount` text NOT NULL,
	`price` text,
	`status` text NOT NULL,
	`exchange_order_id` text,
	`filled` text,
	`average` text,
	`cost` text,
	`fee` text,
	`fee_currency` text,
	`error` text,
	`error_type` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`execution_id`) REFERENCES `executions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_attempts_execution_idx` ON `order_attempts` (`execution_id`,`seq`);--> statement-breakpoint
CREATE TABLE `routing_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`execution_id` text NOT NULL,
	`seq` integer NOT NULL,
	`selected` text,
	`reason` text NOT NULL,
	`expected_average_price` text,
	`liquidity_score` text,
	`expected_slippage_bps` text,
	`candidates` text NOT NULL,
	`split_plan` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`execution_id`) REFERENCES `executions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `routing_decisions_execution_seq` ON `routing_decisions` (`execution_id`,`seq`);