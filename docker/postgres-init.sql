-- First start of the compose PostgreSQL: one database per service (the command side's event store and the query
-- side's read models may live on different servers in production).
CREATE DATABASE docket_command;
CREATE DATABASE docket_query;
