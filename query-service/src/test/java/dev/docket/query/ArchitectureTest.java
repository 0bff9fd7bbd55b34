package dev.docket.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.docket.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The query side knows the event contract only: never the command side's code, nor Axon. */
    @ArchTest
    static final ArchRule queryServiceNeverReachesIntoTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.docket.command..", "org.axonframework..");

    /** Read models are fed by events only; the HTTP layer of a read model never consumes Kafka. */
    @ArchTest
    static final ArchRule readModelsDoNotTalkToKafka = noClasses()
            .that().resideInAnyPackage("dev.docket.query.ticket..", "dev.docket.query.audit..",
                    "dev.docket.query.people..", "dev.docket.query.readmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..");
}
