CREATE TABLE `reconciliation_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`exchange` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer NOT NULL,
	`symbols` text NOT NULL,
	`checked` text,
	`differences` text NOT NULL,
	`difference_count` integer NOT NULL,
	`settled_count` integer NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliation_reports_run_exchange` ON `reconciliation_reports` (`run_id`,`exchange`);--> statement-breakpoint
CREATE INDEX `reconciliation_reports_exchange_idx` ON `reconciliation_reports` (`exchange`,`completed_at`);