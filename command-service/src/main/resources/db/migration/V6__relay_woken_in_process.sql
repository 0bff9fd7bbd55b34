-- The relay is woken by the instance that committed, in process, no longer by NOTIFY. A transaction that notifies
-- takes one lock for the whole database cluster at commit and holds it until its commit record is on disk, so every
-- appending command waited for the previous one's flush: on a 2-core machine, inserts that commit with a NOTIFY
-- reached about 3,300 per second at 32 clients against 8,100 without it (pgbench, same table and triggers).
DROP TRIGGER domain_event_entry_notify ON domain_event_entry;
DROP FUNCTION domain_event_entry_notify();
