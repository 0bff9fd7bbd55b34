package dev.docket.command.audit;

import dev.docket.command.relay.RelayProperties;
import dev.docket.support.kafka.KafkaClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

/**
 * The audit chain's verification, and the checkpoint publisher on instances given the signing key. The production
 * profile refuses to start without both keys: an audit trail without anchors outside the database can be rewritten
 * by whoever can write to the database.
 */
@Configuration(proxyBeanMethods = false)
class AuditChainConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditChainConfiguration.class);

    @Bean
    ChainAudit chainAudit(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckpointProperties properties,
                          KafkaProperties kafka, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("production")) && !(properties.signs() && properties.verifies())) {
            throw new IllegalStateException("the production profile needs DOCKET_CHECKPOINT_SIGNING_KEY and "
                    + "DOCKET_CHECKPOINT_PUBLIC_KEY: without checkpoints outside the database, a rewrite of the "
                    + "event store that recomputes every hash goes unnoticed");
        }
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        CheckpointLedger ledger = properties.verifies() ? new CheckpointLedger(
                KafkaClients.config(kafka.buildConsumerProperties(), "docket-audit-verify"), properties.topic(),
                CheckpointKeys.publicKey(properties.publicKey())) : null;
        return new ChainAudit(new ChainVerifier(jdbc, readOnly), ledger);
    }

    /** Signs receipts (of erasures) with the checkpoint key; absent on an instance without the key pair. */
    @Bean
    AuditSigner auditSigner(CheckpointProperties properties) {
        return AuditSigner.of(properties).orElse(null);
    }

    /** Audit exports, sealed with the checkpoint key; absent on an instance without the key pair. */
    @Bean
    AuditExport auditExport(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointProperties properties) {
        return AuditSigner.of(properties).map(signer -> new AuditExport(jdbc, transactions, signer,
                properties.publicKey().strip())).orElse(null);
    }

    @Bean
    CheckpointPublisher checkpointPublisher(JdbcClient jdbc, PlatformTransactionManager transactions,
                                            CheckpointProperties properties, KafkaProperties kafka,
                                            ObjectProvider<RelayProperties> relay) {
        if (!properties.signs()) {
            log.warn("No DOCKET_CHECKPOINT_SIGNING_KEY: this instance publishes no audit checkpoints");
            return null;
        }
        String relayName = relay.getIfAvailable(RelayProperties::defaults).name();
        return new CheckpointPublisher(jdbc, new TransactionTemplate(transactions), () -> {
            Map<String, Object> config = KafkaClients.config(kafka.buildProducerProperties(), "docket-checkpoints");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }, KafkaClients.config(kafka.buildAdminProperties(), "docket-checkpoints-admin"), properties, relayName);
    }
}
