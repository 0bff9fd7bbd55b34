package dev.docket.query.ticket;

/** How a ticket's search vector is made, for the ticket projection and for anything that must make it again. */
public final class SearchVectors {

    /**
     * The whole search vector of the ticket row aliased {@code u}: its number and title (A), description (B), and the
     * stored public comments (C). Internal notes are never searchable.
     */
    public static final String FULL = """
            setweight(to_tsvector('simple', u.number), 'A') || setweight(to_tsvector('english', u.title), 'A')
              || setweight(to_tsvector('english', u.description), 'B')
              || coalesce((SELECT setweight(to_tsvector('english', string_agg(c.body, ' ')), 'C')
                           FROM {rm}.ticket_comment c WHERE c.ticket_id = u.id AND c.visibility = 'public'),
                          ''::tsvector)""";

    private SearchVectors() {
    }
}
