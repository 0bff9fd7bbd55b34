package dev.docket.query.ingest;

import dev.docket.query.QueryServiceTestBase;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard's writes are conditional on what the batch read: if a retry of parked events moved the subject in
 * between, the batch fails (and is retried, as a transient failure) instead of applying the same version twice.
 */
class SubjectProgressIT extends QueryServiceTestBase {

    @Autowired
    ReadModelGenerations generations;

    @Test
    void aBatchThatSawAnOlderVersionOfItsSubjectCannotAdvanceIt() {
        ReadModelSql sql = generations.active();
        UUID subject = UUID.randomUUID();
        SubjectProgress.advance(sql, subject, SubjectProgress.State.NEW, 1);
        SubjectProgress.State seen = SubjectProgress.read(sql, subject);
        assertThat(seen.version()).isEqualTo(1);

        // meanwhile a retry of parked events applied version 2
        SubjectProgress.set(sql, subject, 2, 0);

        assertThatThrownBy(() -> SubjectProgress.advance(sql, subject, seen, 2))
                .isInstanceOf(ConcurrentProjectionException.class)
                .satisfies(e -> assertThat(Projector.isTransient(e)).isTrue());
        assertThat(SubjectProgress.read(sql, subject).version()).isEqualTo(2);
    }

    @Test
    void twoBatchesSeeingANewSubjectCannotBothOpenIt() {
        ReadModelSql sql = generations.active();
        UUID subject = UUID.randomUUID();
        SubjectProgress.advance(sql, subject, SubjectProgress.State.NEW, 1);

        assertThatThrownBy(() -> SubjectProgress.advance(sql, subject, SubjectProgress.State.NEW, 1))
                .isInstanceOf(ConcurrentProjectionException.class);
    }

    @Test
    void aParkedEventHoldsItsSubjectSoItsNextEventCannotSlipPast() {
        ReadModelSql sql = generations.active();
        UUID subject = UUID.randomUUID();
        SubjectProgress.advance(sql, subject, SubjectProgress.State.NEW, 1);
        SubjectProgress.State seen = SubjectProgress.read(sql, subject);

        SubjectProgress.addParked(sql, subject);

        assertThatThrownBy(() -> SubjectProgress.advance(sql, subject, seen, 2))
                .isInstanceOf(ConcurrentProjectionException.class);
        assertThat(SubjectProgress.read(sql, subject)).isEqualTo(new SubjectProgress.State(1, 1));
    }
}
