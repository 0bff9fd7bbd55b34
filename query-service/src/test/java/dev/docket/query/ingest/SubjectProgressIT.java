package dev.docket.query.ingest;

import dev.docket.query.QueryServiceTestBase;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
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
        advance(sql, subject, 1);
        SubjectProgress seen = SubjectProgress.load(sql, List.of(subject));
        assertThat(seen.of(subject).version()).isEqualTo(1);

        // meanwhile a retry of parked events applied version 2
        SubjectProgress.set(sql, subject, 2, 0);

        seen.advance(subject, 2);
        assertThatThrownBy(() -> seen.write(sql))
                .isInstanceOf(ConcurrentProjectionException.class)
                .satisfies(e -> assertThat(Projector.isTransient(e)).isTrue());
        assertThat(read(sql, subject).version()).isEqualTo(2);
    }

    @Test
    void twoBatchesSeeingANewSubjectCannotBothOpenIt() {
        ReadModelSql sql = generations.active();
        UUID subject = UUID.randomUUID();
        SubjectProgress first = SubjectProgress.load(sql, List.of(subject));
        SubjectProgress second = SubjectProgress.load(sql, List.of(subject));
        first.advance(subject, 1);
        first.write(sql);

        second.advance(subject, 1);
        assertThatThrownBy(() -> second.write(sql))
                .isInstanceOf(ConcurrentProjectionException.class);
    }

    @Test
    void aParkedEventHoldsItsSubjectSoItsNextEventCannotSlipPast() {
        ReadModelSql sql = generations.active();
        UUID subject = UUID.randomUUID();
        advance(sql, subject, 1);
        SubjectProgress seen = SubjectProgress.load(sql, List.of(subject));

        SubjectProgress.addParked(sql, subject);

        seen.advance(subject, 2);
        assertThatThrownBy(() -> seen.write(sql))
                .isInstanceOf(ConcurrentProjectionException.class);
        assertThat(read(sql, subject)).isEqualTo(new SubjectProgress.State(1, 1));
    }

    private static void advance(ReadModelSql sql, UUID subject, long version) {
        SubjectProgress progress = SubjectProgress.load(sql, List.of(subject));
        progress.advance(subject, version);
        progress.write(sql);
    }

    private static SubjectProgress.State read(ReadModelSql sql, UUID subject) {
        return SubjectProgress.load(sql, List.of(subject)).of(subject);
    }
}
