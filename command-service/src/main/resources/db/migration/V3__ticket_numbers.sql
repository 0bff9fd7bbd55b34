-- Human ticket numbers (TCK-000042). Unique and increasing; a refused or rolled-back command may leave a gap,
-- as with any database sequence.
CREATE SEQUENCE ticket_number_seq AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
