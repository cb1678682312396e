CREATE TABLE `name_form` (
	`person_id` integer NOT NULL,
	`gram_case` text NOT NULL,
	`surname` text NOT NULL,
	`name` text NOT NULL,
	`patronymic` text,
	`based_on` text NOT NULL,
	PRIMARY KEY(`person_id`, `gram_case`),
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `person_gender` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`gender` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
