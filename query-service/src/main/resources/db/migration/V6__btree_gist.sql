-- GiST indexes over a plain column and a range (a ticket field's value and the period it held it) need btree_gist's
-- operator classes for the plain column. A trusted extension: the service's role may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
