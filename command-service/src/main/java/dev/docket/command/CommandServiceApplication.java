package dev.docket.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Docket's command side: the REST command API, the ticket aggregates, the event store and the relay to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
