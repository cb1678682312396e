CREATE TABLE `check_finding` (
	`id` integer PRIMARY KEY NOT NULL,
	`check_id` integer NOT NULL,
	`rule` text NOT NULL,
	`severity` text NOT NULL,
	`key` text NOT NULL,
	`teacher_id` integer,
	`group_id` integer,
	`subject_id` integer,
	`lesson_id` integer,
	`pupil_id` integer,
	`date` text,
	`text` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`dismissed_reason` text,
	`dismissed_by` integer,
	`dismissed_at` text,
	FOREIGN KEY (`check_id`) REFERENCES `journal_check`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dismissed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_finding_key` ON `check_finding` (`check_id`,`key`);--> statement-breakpoint
CREATE INDEX `check_finding_teacher` ON `check_finding` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `journal_check` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`date_from` text NOT NULL,
	`date_to` text NOT NULL,
	`scope` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`ran_at` text NOT NULL,
	`issued_at` text,
	`conclusions` text DEFAULT '' NOT NULL,
	`recheck_on` text,
	`portal_note` text,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `remark` (
	`id` integer PRIMARY KEY NOT NULL,
	`check_id` integer NOT NULL,
	`finding_id` integer,
	`rule` text,
	`finding_key` text,
	`teacher_id` integer NOT NULL,
	`group_id` integer,
	`subject_id` integer,
	`lesson_id` integer,
	`pupil_id` integer,
	`text` text NOT NULL,
	`deadline` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`fixed_by` text,
	`reply` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`state_at` text NOT NULL,
	`rechecked_at` text,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`check_id`) REFERENCES `journal_check`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finding_id`) REFERENCES `check_finding`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `remark_teacher` ON `remark` (`teacher_id`,`state`);--> statement-breakpoint
CREATE INDEX `remark_check` ON `remark` (`check_id`);--> statement-breakpoint
CREATE INDEX `remark_lesson` ON `remark` (`lesson_id`);--> statement-breakpoint
ALTER TABLE `lesson` ADD `no_homework` integer DEFAULT false NOT NULL;