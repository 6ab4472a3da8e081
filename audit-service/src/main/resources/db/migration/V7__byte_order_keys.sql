-- The text columns behind B-tree indexes (event id, type, author, department) compare in byte order (COLLATE "C")
-- instead of the database's locale: every appended record is compared a few dozen times while its index entries
-- are placed, and a byte comparison is a memcmp where a locale comparison goes through strcoll. Equality, all that
-- the writer and the auditors' filters ask of these columns, is the same in both; nothing sorts by them. The
-- unique constraint on event_id stays, so a repeated event id is still refused by the database itself.
ALTER TABLE audit_records
    ALTER COLUMN event_id TYPE text COLLATE "C",
    ALTER COLUMN ce_type TYPE text COLLATE "C",
    ALTER COLUMN author_id TYPE text COLLATE "C",
    ALTER COLUMN department TYPE text COLLATE "C";
