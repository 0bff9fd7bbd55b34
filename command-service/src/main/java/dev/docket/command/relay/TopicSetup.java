package dev.docket.command.relay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the ticket event topic when it does not exist: the configured partitions and replicas, and retention
 * without limit, because the topic is a replayable history, not a buffer.
 */
final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final int TIMEOUT_MS = 10_000;

    private final Map<String, Object> adminConfig;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;

    TopicSetup(Map<String, Object> clientConfig, String topic, int partitions, short replicationFactor) {
        this.adminConfig = new java.util.HashMap<>(clientConfig);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void ensureTopic() throws Exception {
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                log.info("Created topic {} with {} partitions and replication factor {}", topic, partitions,
                        replicationFactor);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                checkRetention(admin);
            }
        }
    }

    /**
     * A topic someone else created may drop old events; the relay still publishes (it must not stop the business),
     * but says loudly that new consumers will not get the full history.
     */
    private void checkRetention(Admin admin) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(resource);
        for (String name : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
            ConfigEntry entry = config.get(name);
            if (entry != null && !"-1".equals(entry.value())) {
                log.warn("Topic {} has {}={}: old events will be deleted, and a consumer reading from the earliest "
                        + "offset will not receive the whole history. Set it to -1.", topic, name, entry.value());
            }
        }
        ConfigEntry cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (cleanup != null && cleanup.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            log.warn("Topic {} is compacted: only the last event of each ticket would be kept. Use cleanup.policy=delete"
                    + " with unlimited retention.", topic);
        }
    }
}
