package dev.docket.query.sla;

import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.sla.SlaConfigHistory;
import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service-level configuration of a generation as the topic brought it: every version of the policy book and of
 * each calendar from {@code sla_config}, read again only when the number of versions changed (versions are only
 * ever added).
 */
@Component
public class SlaConfigs {

    /**
     * @param version how many configuration versions it holds: a ticket computed under fewer is computed again
     * @param latest  when the latest version took effect (null when there is none)
     */
    public record Config(int version, SlaConfigHistory history, Instant latest) {
    }

    private record Row(String kind, Instant at, String body) {
    }

    private final JsonMapper json;
    private final Map<String, Config> loaded = new ConcurrentHashMap<>();

    SlaConfigs(JsonMapper json) {
        this.json = json;
    }

    public Config current(ReadModelSql sql) {
        int count = sql.sql("SELECT count(*) FROM {rm}.sla_config").query(Integer.class).single();
        Config cached = loaded.get(sql.schema());
        if (cached != null && cached.version() == count) {
            return cached;
        }
        Config config = load(sql);
        loaded.put(sql.schema(), config);
        return config;
    }

    private Config load(ReadModelSql sql) {
        List<Row> rows = new ArrayList<>(sql.sql("""
                        SELECT kind, effective_at, body::text FROM {rm}.sla_config ORDER BY effective_at, version""")
                .query((rs, n) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3))).list());
        SlaConfigHistory history = SlaConfigHistory.EMPTY;
        Instant latest = null;
        for (Row row : rows) {
            if (row.kind().equals("policies")) {
                history = history.withPolicies(row.at(), json.readValue(row.body(), SlaPoliciesChanged.class).policies());
            } else {
                BusinessCalendarDefined defined = json.readValue(row.body(), BusinessCalendarDefined.class);
                history = history.withCalendar(defined.calendarId(), row.at(), defined.calendar());
            }
            latest = row.at();
        }
        return new Config(rows.size(), history, latest);
    }
}
