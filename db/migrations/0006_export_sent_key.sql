CREATE TABLE `export_sent_key` (
	`entity` text NOT NULL,
	`key` text NOT NULL,
	`person_id` integer,
	PRIMARY KEY(`entity`, `key`)
);
--> statement-breakpoint
CREATE INDEX `sent_key_person` ON `export_sent_key` (`person_id`);