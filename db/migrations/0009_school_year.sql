CREATE TABLE `academic_debt` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`deadline` text NOT NULL,
	`outcome` text,
	`mark` text,
	`outcome_at` text,
	`outcome_by` integer,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outcome_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `academic_debt_pupil` ON `academic_debt` (`year_id`,`pupil_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `bell_time` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bell_year_slot` ON `bell_time` (`year_id`,`slot`);--> statement-breakpoint
CREATE TABLE `calendar_day` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`grade_from` integer DEFAULT 1 NOT NULL,
	`grade_to` integer DEFAULT 11 NOT NULL,
	`as_weekday` integer,
	`note` text,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calendar_day_year_date` ON `calendar_day` (`year_id`,`date`);--> statement-breakpoint
CREATE TABLE `plan` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`teacher_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`grade` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_owner` ON `plan` (`year_id`,`teacher_id`,`subject_id`,`grade`);--> statement-breakpoint
CREATE TABLE `plan_topic` (
	`id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`position` integer NOT NULL,
	`topic` text NOT NULL,
	`hours` real DEFAULT 1 NOT NULL,
	`work_type_id` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `plan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_type_id`) REFERENCES `work_type`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_topic_pos` ON `plan_topic` (`plan_id`,`position`);--> statement-breakpoint
CREATE TABLE `pupil_decision` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`from_class_id` integer NOT NULL,
	`to_class_id` integer,
	`decision` text NOT NULL,
	`council_number` text NOT NULL,
	`council_date` text NOT NULL,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_class_id`) REFERENCES `class_unit`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_class_id`) REFERENCES `class_unit`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pupil_decision_year` ON `pupil_decision` (`year_id`,`pupil_id`);--> statement-breakpoint
CREATE TABLE `rollover` (
	`id` integer PRIMARY KEY NOT NULL,
	`from_year_id` integer NOT NULL,
	`to_year_id` integer NOT NULL,
	`backup_file` text NOT NULL,
	`council_number` text NOT NULL,
	`council_date` text NOT NULL,
	`applied_at` text NOT NULL,
	`applied_by` integer NOT NULL,
	`audit_seq` integer NOT NULL,
	FOREIGN KEY (`from_year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `term_closure` (
	`term_id` integer NOT NULL,
	`class_id` integer NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` integer,
	PRIMARY KEY(`term_id`, `class_id`),
	FOREIGN KEY (`term_id`) REFERENCES `term`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `class_unit`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `term_reopen` (
	`id` integer PRIMARY KEY NOT NULL,
	`term_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`lesson_id` integer,
	`pupil_id` integer,
	`reason` text NOT NULL,
	`opened_by` integer NOT NULL,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`closed_by` integer,
	FOREIGN KEY (`term_id`) REFERENCES `term`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `term_reopen_journal` ON `term_reopen` (`term_id`,`group_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `year_grade` (
	`year_id` integer NOT NULL,
	`grade` integer NOT NULL,
	`days_per_week` integer DEFAULT 5 NOT NULL,
	PRIMARY KEY(`year_id`, `grade`),
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `lesson_slot`;--> statement-breakpoint
ALTER TABLE `lesson` ADD `part` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson` ADD `weight` real;--> statement-breakpoint
ALTER TABLE `lesson` ADD `origin` text DEFAULT 'timetable' NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson` ADD `cancelled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson` ADD `moved_from` text;--> statement-breakpoint
ALTER TABLE `lesson` ADD `plan_topic_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_slot` ON `lesson` (`group_id`,`subject_id`,`date`,`slot`,`part`);--> statement-breakpoint
ALTER TABLE `school_year` ADD `previous_year_id` integer;--> statement-breakpoint
ALTER TABLE `teaching_load` ADD `draft` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `timetable_entry` ADD `draft` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `term_mark` ADD `reason` text;