package dev.docket.support.errors;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as "the database, not the request": by Spring's categories and, where Spring has none, by SQLSTATE. */
class TransientFailuresTest {

    @Test
    void aLockNotGrantedInTimeIsTransientEvenWhenSpringLeavesItUncategorized() {
        assertThat(TransientFailures.isTransient(new UncategorizedSQLException("insert", "INSERT ...",
                new SQLException("canceling statement due to lock timeout", "55P03")))).isTrue();
    }

    @Test
    void connectionLossSerialisationFailuresAndShutdownsAreTransient() {
        for (String state : new String[] {"08006", "40001", "40P01", "53300", "57P01", "58030"}) {
            assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("x", state)))).as(state)
                    .isTrue();
        }
        assertThat(TransientFailures.isTransient(new CannotGetJdbcConnectionException("down"))).isTrue();
    }

    @Test
    void whatTheDataCausedIsNot() {
        for (String state : new String[] {"23505", "22P02", "42P01", "55000", "XX000"}) {
            assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("x", state)))).as(state)
                    .isFalse();
        }
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("no state"))).isFalse();
    }
}
