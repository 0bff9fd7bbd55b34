package dev.docket.command.privacy;

import dev.docket.support.security.ErasedPeople;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    PersonKeys personKeys(DataProtectionProperties properties, JdbcClient jdbc) {
        return new PersonKeys(properties.key(), jdbc);
    }

    @Bean
    PersonalTexts personalTexts(PersonKeys keys, JsonMapper json) {
        return new PersonalTexts(keys, json);
    }

    /** An erased person's tokens no longer authenticate. */
    @Bean
    ErasedPeople erasedPeople(JdbcClient jdbc) {
        return ErasedPeople.remembering(person -> jdbc.sql("SELECT erased FROM user_directory WHERE user_id = ?")
                .param(person).query(Boolean.class).optional().orElse(false));
    }

    /** Axon collects every upcaster bean into the chain the event store reads through. */
    @Bean
    OpeningUpcaster openingUpcaster(PersonalTexts texts) {
        return new OpeningUpcaster(texts);
    }
}
