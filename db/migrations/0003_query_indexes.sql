CREATE INDEX `executions_status_idx` ON `executions` (`status`);--> statement-breakpoint
CREATE INDEX `order_attempts_exchange_created_idx` ON `order_attempts` (`exchange`,`created_at`);--> statement-breakpoint
CREATE INDEX `order_attempts_created_idx` ON `order_attempts` (`created_at`);