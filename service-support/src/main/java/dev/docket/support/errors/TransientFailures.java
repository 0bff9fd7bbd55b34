package dev.docket.support.errors;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Failures that say nothing about the request or event at hand: the database is unreachable, overloaded, busy with
 * a lock, or a concurrent transaction won. Trying again later may succeed. One definition for the HTTP answers (503)
 * and for the query side's ingest (retried, never parked).
 */
public final class TransientFailures {

    /**
     * SQLSTATE classes and codes that describe the database, not the statement's data: connection exceptions (08),
     * transaction rollbacks such as serialisation failures and deadlocks (40), insufficient resources (53), a lock
     * not granted in time (55P03), operator intervention such as a shutdown or a cancelled statement (57), system
     * errors (58). Checked directly, because Spring leaves some of them (55P03) uncategorized.
     */
    private static final Set<String> SQL_STATES = Set.of("08", "40", "53", "55P03", "57", "58");

    private TransientFailures() {
    }

    /** Whether anything in the cause chain is such a failure. */
    public static boolean isTransient(Throwable e) {
        return Causes.any(e, cause -> cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotGetJdbcConnectionException
                || cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
                || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof SQLException sql && transientState(sql.getSQLState()));
    }

    private static boolean transientState(String state) {
        return state != null && state.length() == 5 && (SQL_STATES.contains(state)
                || SQL_STATES.contains(state.substring(0, 2)));
    }
}
