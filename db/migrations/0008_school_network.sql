CREATE TABLE `device` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`paired_at` text NOT NULL,
	`paired_by` integer,
	`last_seen_at` text,
	`last_address` text,
	`version` text,
	`revoked_at` text,
	`revoked_by` integer,
	FOREIGN KEY (`paired_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `device_token` ON `device` (`token_hash`);--> statement-breakpoint
CREATE TABLE `idempotency_key` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`envelope` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `pairing_code` (
	`id` integer PRIMARY KEY NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_by` integer NOT NULL,
	`used_at` text,
	`device_id` integer,
	`voided_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `device`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cell_version` (
	`lesson_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`lesson_id`, `pupil_id`),
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `session` ADD `device_id` integer REFERENCES device(id);--> statement-breakpoint
ALTER TABLE `lesson` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `term_mark` ADD `version` integer DEFAULT 0 NOT NULL;