PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_event` (
	`seq` integer PRIMARY KEY NOT NULL,
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
INSERT INTO `__new_audit_event`("seq", "at", "actor_id", "action", "entity", "entity_id", "before", "after", "reason", "prev_hash", "hash") SELECT "seq", "at", "actor_id", "action", "entity", "entity_id", "before", "after", "reason", "prev_hash", "hash" FROM `audit_event`;--> statement-breakpoint
DROP TABLE `audit_event`;--> statement-breakpoint
ALTER TABLE `__new_audit_event` RENAME TO `audit_event`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_event` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `__new_change_feed` (
	`seq` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`audit_seq` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_change_feed`("seq", "entity", "entity_id", "op", "audit_seq") SELECT "seq", "entity", "entity_id", "op", "audit_seq" FROM `change_feed`;--> statement-breakpoint
DROP TABLE `change_feed`;--> statement-breakpoint
ALTER TABLE `__new_change_feed` RENAME TO `change_feed`;--> statement-breakpoint
-- Plain rowid keys (no AUTOINCREMENT, so no sqlite_sequence page per commit) stay monotonic
-- because neither table ever loses a row: the triggers below make that a rule. The audit
-- triggers went with the rebuilt table and are made again.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER change_feed_no_update BEFORE UPDATE ON change_feed
BEGIN
  SELECT RAISE(ABORT, 'change_feed is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER change_feed_no_delete BEFORE DELETE ON change_feed
BEGIN
  SELECT RAISE(ABORT, 'change_feed is append-only');
END;
