package dev.docket.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.docket.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Decisions stay plain: the aggregate knows commands and events, not HTTP, SQL, Kafka or Spring. */
    @ArchTest
    static final ArchRule domainHasNoWebPersistenceOrMessagingCode = noClasses()
            .that().resideInAnyPackage("dev.docket.command.ticket..", "dev.docket.command.user..",
                    "dev.docket.command.sla..", "dev.docket.command.rules..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.servlet..", "java.sql..", "javax.sql..", "org.apache.kafka..",
                    "dev.docket.support.web..", "dev.docket.command.web..", "dev.docket.command.app..",
                    "dev.docket.command.relay..", "dev.docket.command.eventstore..");

    /** The relay reads the store and writes Kafka; it neither serves HTTP nor issues commands. */
    @ArchTest
    static final ArchRule relayIsIndependentOfTheApi = noClasses()
            .that().resideInAPackage("dev.docket.command.relay..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.docket.command.web..", "dev.docket.command.app..", "dev.docket.command.ticket..");

    @ArchTest
    static final ArchRule webTalksToTheApplicationLayerNotToAxon = noClasses()
            .that().resideInAPackage("dev.docket.command.web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..");
}
