DROP TABLE `journal_check`;--> statement-breakpoint
DROP TABLE `remark`;