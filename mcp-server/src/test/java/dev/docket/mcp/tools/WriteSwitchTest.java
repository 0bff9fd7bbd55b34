package dev.docket.mcp.tools;

import dev.docket.mcp.api.DocketApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteSwitchTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final DocketApi api = new DocketApi("http://localhost:1", "http://localhost:1",
            org.springframework.web.client.RestClient.builder(), json);

    @Test
    void nothingChangesUnlessTheDeploymentSaysSo() {
        for (String off : new String[]{"", "none", "NONE", "false", " "}) {
            WriteSwitch writes = WriteSwitch.parse(off);
            assertThat(writes.any()).as(off).isFalse();
            assertThat(writes.allows("reply_to_ticket")).as(off).isFalse();
        }
        assertThat(WriteSwitch.parse(null).any()).isFalse();
        assertThat(WriteSwitch.parse("all").allows("set_tags")).isTrue();
    }

    @Test
    void aListOffersExactlyTheToolsItNames() {
        WriteSwitch writes = WriteSwitch.parse("reply_to_ticket, add_internal_note");
        assertThat(writes.allows("reply_to_ticket")).isTrue();
        assertThat(writes.allows("add_internal_note")).isTrue();
        assertThat(writes.allows("change_status")).isFalse();

        TicketTools tools = new TicketTools(api, json, writes);
        Caller agent = new Caller("t", "a", java.util.Set.of(Caller.Role.AGENT));
        assertThat(tools.all().stream().filter(tool -> tools.offers(agent, tool)).map(DocketTool::name))
                .contains("search_tickets", "reply_to_ticket", "add_internal_note")
                .doesNotContain("change_status", "open_ticket");
    }

    @Test
    void aNameThatIsNoChangingToolStopsTheStart() {
        assertThatThrownBy(() -> new TicketTools(api, json, WriteSwitch.parse("reply_to_tikcet")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reply_to_tikcet");
        assertThatThrownBy(() -> new TicketTools(api, json, WriteSwitch.parse("search_tickets")))
                .hasMessageContaining("search_tickets");
    }
}
