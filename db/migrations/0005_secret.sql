CREATE TABLE `secret` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
