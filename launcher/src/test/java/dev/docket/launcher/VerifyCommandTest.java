package dev.docket.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    @Test
    void anIntactTrailNotYetAnchoredSaysWhenTheFirstCheckpointComes() {
        assertThat(VerifyCommand.intact("{\"intact\":true,\"checkpoints\":{\"verified\":true},\"anchored\":3}"))
                .isEqualTo("Docket: the audit trail is intact.");
        assertThat(VerifyCommand.intact("{\"intact\":true,\"checkpoints\":{\"verified\":false},\"anchored\":0}"))
                .startsWith("Docket: the audit trail is intact.").contains("within a minute")
                .contains("DOCKET_CHECKPOINT_INTERVAL");
    }
}
