CREATE TABLE `class_unit` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`grade` integer NOT NULL,
	`letter` text NOT NULL,
	`class_teacher_id` integer,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `class_year_grade_letter` ON `class_unit` (`year_id`,`grade`,`letter`);--> statement-breakpoint
CREATE TABLE `lesson_plan` (
	`id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`position` integer NOT NULL,
	`topic` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_group_subject_pos` ON `lesson_plan` (`group_id`,`subject_id`,`position`);--> statement-breakpoint
CREATE TABLE `school` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`pseudonym_secret` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `school_year` (
	`id` integer PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `school_year_label_unique` ON `school_year` (`label`);--> statement-breakpoint
CREATE TABLE `study_group` (
	`id` integer PRIMARY KEY NOT NULL,
	`class_id` integer NOT NULL,
	`name` text NOT NULL,
	`is_whole_class` integer NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `class_unit`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_class_name` ON `study_group` (`class_id`,`name`);--> statement-breakpoint
CREATE TABLE `subject` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subject_name_unique` ON `subject` (`name`);--> statement-breakpoint
CREATE TABLE `teaching_load` (
	`id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`teacher_id` integer NOT NULL,
	`hours_per_week` real NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `load_teacher` ON `teaching_load` (`teacher_id`);--> statement-breakpoint
CREATE INDEX `load_group_subject` ON `teaching_load` (`group_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `term` (
	`id` integer PRIMARY KEY NOT NULL,
	`year_id` integer NOT NULL,
	`kind` text NOT NULL,
	`number` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`grade_from` integer NOT NULL,
	`grade_to` integer NOT NULL,
	`closed_at` text,
	`closed_by` integer,
	FOREIGN KEY (`year_id`) REFERENCES `school_year`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `term_year_kind_number` ON `term` (`year_id`,`kind`,`number`,`grade_from`);--> statement-breakpoint
CREATE TABLE `timetable_entry` (
	`id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`teacher_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`slot` integer NOT NULL,
	`room` text,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timetable_teacher` ON `timetable_entry` (`teacher_id`,`weekday`);--> statement-breakpoint
CREATE INDEX `timetable_group` ON `timetable_entry` (`group_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `work_type` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	`is_control` integer DEFAULT false NOT NULL,
	`is_make_up` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_type_name_unique` ON `work_type` (`name`);--> statement-breakpoint
CREATE TABLE `enrolment` (
	`id` integer PRIMARY KEY NOT NULL,
	`pupil_id` integer NOT NULL,
	`class_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `class_unit`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrolment_class` ON `enrolment` (`class_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `enrolment_pupil` ON `enrolment` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `group_member` (
	`id` integer PRIMARY KEY NOT NULL,
	`pupil_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_group` ON `group_member` (`group_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `member_pupil` ON `group_member` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `guardianship` (
	`id` integer PRIMARY KEY NOT NULL,
	`guardian_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`relation` text NOT NULL,
	FOREIGN KEY (`guardian_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guardianship_pair` ON `guardianship` (`guardian_id`,`pupil_id`);--> statement-breakpoint
CREATE INDEX `guardianship_pupil` ON `guardianship` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `person` (
	`id` integer PRIMARY KEY NOT NULL,
	`surname` text NOT NULL,
	`name` text NOT NULL,
	`patronymic` text,
	`birth_date` text,
	`portal_uid` text,
	`external_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_portal_uid_unique` ON `person` (`portal_uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `person_external_id_unique` ON `person` (`external_id`);--> statement-breakpoint
CREATE INDEX `person_surname` ON `person` (`surname`,`name`);--> statement-breakpoint
CREATE TABLE `session` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_staff` ON `session` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff_role` (
	`staff_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`staff_id`, `role`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_user` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`login` text NOT NULL,
	`password_hash` text,
	`disabled` integer DEFAULT false NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_person_id_unique` ON `staff_user` (`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_login_unique` ON `staff_user` (`login`);--> statement-breakpoint
CREATE TABLE `absence` (
	`id` integer PRIMARY KEY NOT NULL,
	`lesson_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `absence_cell` ON `absence` (`lesson_id`,`pupil_id`);--> statement-breakpoint
CREATE INDEX `absence_pupil` ON `absence` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `file_blob` (
	`sha256` text PRIMARY KEY NOT NULL,
	`content` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `journal_check` (
	`id` integer PRIMARY KEY NOT NULL,
	`month` text NOT NULL,
	`group_id` integer,
	`subject_id` integer,
	`checked_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lesson` (
	`id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`date` text NOT NULL,
	`slot` integer NOT NULL,
	`planned_teacher_id` integer,
	`actual_teacher_id` integer,
	`held` integer DEFAULT true NOT NULL,
	`topic` text,
	`homework` text,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`planned_teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actual_teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_slot` ON `lesson` (`group_id`,`subject_id`,`date`,`slot`);--> statement-breakpoint
CREATE INDEX `lesson_actual_teacher` ON `lesson` (`actual_teacher_id`,`date`);--> statement-breakpoint
CREATE INDEX `lesson_date` ON `lesson` (`date`);--> statement-breakpoint
CREATE TABLE `lesson_file` (
	`id` integer PRIMARY KEY NOT NULL,
	`lesson_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `file_blob`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lesson_file_lesson` ON `lesson_file` (`lesson_id`);--> statement-breakpoint
CREATE TABLE `mark` (
	`id` integer PRIMARY KEY NOT NULL,
	`lesson_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`value` text NOT NULL,
	`work_type_id` integer NOT NULL,
	`weight` real NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_type_id`) REFERENCES `work_type`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mark_cell` ON `mark` (`lesson_id`,`pupil_id`,`position`);--> statement-breakpoint
CREATE INDEX `mark_pupil` ON `mark` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `remark` (
	`id` integer PRIMARY KEY NOT NULL,
	`check_id` integer NOT NULL,
	`teacher_id` integer NOT NULL,
	`lesson_id` integer,
	`text` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`check_id`) REFERENCES `journal_check`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `remark_teacher` ON `remark` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `term_mark` (
	`id` integer PRIMARY KEY NOT NULL,
	`pupil_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`term_id` integer NOT NULL,
	`value` text NOT NULL,
	`suggested` text,
	`confirmed_by` integer,
	`confirmed_at` text,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `study_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`term_id`) REFERENCES `term`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `term_mark_cell` ON `term_mark` (`pupil_id`,`group_id`,`subject_id`,`term_id`);--> statement-breakpoint
CREATE TABLE `diary_application` (
	`id` integer PRIMARY KEY NOT NULL,
	`guardian_id` integer NOT NULL,
	`pupil_id` integer NOT NULL,
	`number` text NOT NULL,
	`applied_on` text NOT NULL,
	`status` text NOT NULL,
	`portal_uid` text,
	`passport_checked_by` integer,
	`passport_checked_at` text,
	`mismatch_confirmed` integer DEFAULT false NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`guardian_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pupil_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`passport_checked_by`) REFERENCES `staff_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_number` ON `diary_application` (`number`);--> statement-breakpoint
CREATE INDEX `application_pupil` ON `diary_application` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `audit_event` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`reason` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_event` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_actor` ON `audit_event` (`actor_id`,`seq`);--> statement-breakpoint
CREATE TABLE `change_feed` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`audit_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feed_entity` ON `change_feed` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `export_package` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`feed_from` integer NOT NULL,
	`feed_to` integer NOT NULL,
	`created_at` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`body` blob NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`receipt` text,
	`done_at` text
);
--> statement-breakpoint
CREATE INDEX `package_state` ON `export_package` (`state`,`created_at`);