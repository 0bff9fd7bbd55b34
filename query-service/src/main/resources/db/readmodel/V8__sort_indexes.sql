-- The list's other columns as sorts: title, the requester's and the assignee's names, and the status in the
-- workflow's order, each then oldest first. Each index is what its sort's keyset reads (TicketSearch.KEY_EXPRESSIONS
-- spells the same expressions), so a page at any depth is an index range; only queries use them.
CREATE INDEX ticket_by_title ON ticket (title, created_at, id);
CREATE INDEX ticket_by_requester_name ON ticket ((coalesce(requester_name, '')), created_at, id);
CREATE INDEX ticket_by_assignee_name ON ticket ((coalesce(assignee_name, '')), created_at, id);
CREATE INDEX ticket_by_status_order ON ticket ((CASE status WHEN 'open' THEN 1 WHEN 'in_progress' THEN 2
    WHEN 'waiting_on_customer' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END), created_at, id);
INSERT INTO query_index (name) VALUES ('ticket_by_title'), ('ticket_by_requester_name'), ('ticket_by_assignee_name'),
    ('ticket_by_status_order');
