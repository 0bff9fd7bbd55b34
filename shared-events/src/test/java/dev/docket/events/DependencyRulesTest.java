package dev.docket.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "dev.docket.events", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    /** Consumers of the contract get the JDK and annotations, nothing that drags a framework in. */
    @ArchTest
    static final ArchRule contractDependsOnTheJdkAndAnnotationsOnly = classes()
            .should().onlyDependOnClassesThat(
                    resideInAnyPackage("dev.docket.events..", "java..", "javax.crypto..", "com.fasterxml.jackson.annotation..")
                            .or(equivalentTo(Revision.class)));
}
