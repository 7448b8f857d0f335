package io.trustgate.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows pointing inwards: the API knows nothing; the parts (registry, store, firewall, audit, assess) know
 * only the API; policy (Decide) knows the API and the registry (Know);
 * the gateway knows the API and the parts it enforces (registry, policy) but not the store or the app; nothing
 * but the app knows the app.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the gateway's shared fakes
                .importPackages("io.trustgate");
    }

    @Test
    void apiDependsOnNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage("io.trustgate.api..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.trustgate.api..", "java..")
                .check(classes);
    }

    @Test
    void partsDependOnlyOnTheApi() {
        for (String part : new String[] {"registry", "store", "firewall", "audit", "assess"}) {
            noClasses()
                    .that()
                    .resideInAPackage("io.trustgate." + part + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(otherTrustgatePackages(part, "api"))
                    .check(classes);
        }
    }

    @Test
    void policyDependsOnlyOnTheApiAndTheRegistry() {
        // Decide reads Know: trust decisions are made from the registry's model profiles.
        noClasses()
                .that()
                .resideInAPackage("io.trustgate.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(otherTrustgatePackages("policy", "api", "registry"))
                .check(classes);
    }

    @Test
    void gatewayKnowsNeitherStoreNorApp() {
        noClasses()
                .that()
                .resideInAPackage("io.trustgate.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.trustgate.store..", "io.trustgate.app..")
                .check(classes);
    }

    @Test
    void partsOtherThanTheGatewayKnowNoHttp() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.trustgate.api..",
                        "io.trustgate.registry..",
                        "io.trustgate.policy..",
                        "io.trustgate.store..",
                        "io.trustgate.firewall..",
                        "io.trustgate.audit..",
                        "io.trustgate.assess..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vertx..", "io.netty..", "java.net.http..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheApp() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.trustgate.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.trustgate.app..")
                .check(classes);
    }

    private static String[] otherTrustgatePackages(String... allowed) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(
                "api", "registry", "policy", "store", "firewall", "audit", "assess", "gateway", "app"));
        all.removeAll(java.util.List.of(allowed));
        return all.stream().map(p -> "io.trustgate." + p + "..").toArray(String[]::new);
    }
}
