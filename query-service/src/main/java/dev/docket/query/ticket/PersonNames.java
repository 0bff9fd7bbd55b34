package dev.docket.query.ticket;

import dev.docket.query.readmodel.ReadModelSql;

import java.util.Arrays;

/**
 * The lock between copying a person's name onto tickets and changing it. A batch that copies names takes a shared
 * lock per person before it reads them; a batch that registers or renames people takes the same locks exclusively
 * before it writes them (and the tickets that name them). Without it, two consumers (a rebuild has two) could apply
 * a registration and a ticket naming the person side by side, each before the other commits: the ticket would read
 * no name and the registration would find no ticket to name, and the copy would stay empty.
 */
public final class PersonNames {

    /** First key of the person-name advisory locks: "DKPN". */
    private static final int LOCK_NAMESPACE = 0x444B504E;

    private PersonNames() {
    }

    /** Shared locks on these people's names, in id order, held to the end of the transaction. */
    static void lockShared(ReadModelSql sql, String[] people) {
        lock(sql, people, "pg_advisory_xact_lock_shared");
    }

    /** Exclusive locks on these people's names, in id order, held to the end of the transaction. */
    public static void lockExclusive(ReadModelSql sql, String[] people) {
        lock(sql, people, "pg_advisory_xact_lock");
    }

    private static void lock(ReadModelSql sql, String[] people, String function) {
        String[] sorted = people.clone();
        Arrays.sort(sorted);
        sql.sql("SELECT count(" + function + "(?, hashtext(p))) FROM unnest(?::text[]) p")
                .params(LOCK_NAMESPACE, sorted).query(Long.class).single();
    }
}
