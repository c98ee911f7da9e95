CREATE TABLE `risk_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`actor` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `risk_events_kind_at_idx` ON `risk_events` (`kind`,`at`);--> statement-breakpoint
CREATE TABLE `risk_limits` (
	`id` integer PRIMARY KEY NOT NULL,
	`limits` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `send_reservations` (
	`client_order_id` text PRIMARY KEY NOT NULL,
	`exchange` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `send_reservations_exchange_at_idx` ON `send_reservations` (`exchange`,`at`);--> statement-breakpoint
CREATE TABLE `trading_states` (
	`scope` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`reason` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
