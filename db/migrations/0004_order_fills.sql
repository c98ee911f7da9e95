CREATE TABLE `order_fills` (
	`exchange` text NOT NULL,
	`symbol` text NOT NULL,
	`trade_id` text NOT NULL,
	`client_order_id` text NOT NULL,
	`execution_id` text NOT NULL,
	`exchange_order_id` text NOT NULL,
	`side` text NOT NULL,
	`price` text NOT NULL,
	`amount` text NOT NULL,
	`fee` text,
	`fee_currency` text,
	`liquidity` text,
	`traded_at` integer NOT NULL,
	`recorded_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`client_order_id`) REFERENCES `order_attempts`(`client_order_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_fills_trade` ON `order_fills` (`exchange`,`symbol`,`trade_id`);--> statement-breakpoint
CREATE INDEX `order_fills_execution_idx` ON `order_fills` (`execution_id`,`traded_at`);--> statement-breakpoint
CREATE INDEX `order_fills_traded_idx` ON `order_fills` (`traded_at`);