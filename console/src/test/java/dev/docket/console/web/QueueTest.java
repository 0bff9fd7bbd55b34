package dev.docket.console.web;

import dev.docket.console.signin.ConsoleUser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QueueTest {

    private final ConsoleUser agent = new ConsoleUser("0193a0e2-7c1d-7b4e-9f00-00000000000a", "Ana", Set.of("agent"),
            "token", Instant.now().plusSeconds(60));
    private final ConsoleUser requester = new ConsoleUser("0193a0e2-7c1d-7b4e-9f00-00000000000b", "Rita",
            Set.of("requester"), "token", Instant.now().plusSeconds(60));

    @Test
    void myOpenTicketsAreTheOnesAssignedToTheSignedInAgentThatAreNotResolved() {
        assertThat(Queue.MINE.filterFor(agent))
                .isEqualTo("assignee = 0193a0e2-7c1d-7b4e-9f00-00000000000a AND status IN (open, in_progress, "
                        + "waiting_on_customer)");
    }

    @Test
    void agentsGetTheAgentQueuesAndRequestersTheirOwnOnly() {
        assertThat(Queue.of(agent)).extracting(Queue::slug)
                .containsExactly("mine", "unassigned", "open", "waiting", "recent", "breached", "at-risk");
        assertThat(Queue.of(requester)).extracting(Queue::slug).containsExactly("my-open", "my-requests");
        assertThat(Queue.find("unassigned", requester)).isEmpty();
        assertThat(Queue.first(requester)).isEqualTo(Queue.OWN_OPEN);
    }

    @Test
    void aColumnHeadingSortsByItsColumnFirstItsOwnWayAndThenTheOtherWay() {
        QueueController.Column title = QueueController.COLUMNS.get(1);
        assertThat(title.next("-updated")).isEqualTo("title");
        assertThat(title.ariaSort("-updated")).isNull();
        assertThat(title.next("title")).isEqualTo("-title");
        assertThat(title.ariaSort("title")).isEqualTo("ascending");
        assertThat(title.next("-title")).isEqualTo("title");
        assertThat(title.ariaSort("-title")).isEqualTo("descending");
        QueueController.Column updated = QueueController.COLUMNS.get(6);
        assertThat(updated.next("title")).isEqualTo("-updated");
        assertThat(QueueController.SORTS).contains("relevance", "created", "-created", "requester", "-assignee",
                "status", "-status", "priority", "sla").hasSize(16);
    }

    @Test
    void aCountIsTheSumOfTheStatusesAQueueHolds() {
        Map<String, Object> byStatus = Map.of("open", 3, "in_progress", 2L, "resolved", 9);
        assertThat(Counts.sum(byStatus, java.util.List.of("open", "in_progress", "waiting_on_customer"))).isEqualTo(5);
    }

    @Test
    void theTimelineSaysWhatChangedFromWhatToWhat() {
        assertThat(Timeline.describe("dev.docket.ticket.status-changed.v1",
                Map.of("status", Map.of("from", "open", "to", "resolved"), "reason", "fixed")))
                .isEqualTo("status changed (status: open → resolved)");
        assertThat(Timeline.describe("dev.docket.ticket.comment-added.v2", Map.of("comment", Map.of("body", "x"))))
                .isEqualTo("comment added");
    }
}
