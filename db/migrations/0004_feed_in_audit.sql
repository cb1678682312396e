-- The export change feed becomes the audit records that carry feed_op: one row per change
-- instead of two, so each synced commit writes one page fewer. Rows of the old change_feed
-- table are not carried over: the hash chain covers feed_op, so it cannot be filled in
-- afterwards, and no export has acknowledged anything yet (the first export is a full one).
DROP TABLE `change_feed`;
--> statement-breakpoint
ALTER TABLE `audit_event` ADD `feed_op` text;
--> statement-breakpoint
CREATE VIEW `change_feed` AS
  SELECT seq, entity, entity_id, feed_op AS op, seq AS audit_seq FROM audit_event WHERE feed_op IS NOT NULL;
