package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.ApiKey;
import io.trustgate.api.audit.AuditSink;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.gateway.Gateway;
import io.trustgate.policy.KeyIssuer;
import io.trustgate.store.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway enforces trust decisions per context: tiers bound to contexts, the {@code x-trustgate-context}
 * header, 403 with the first failing reason, and {@code POST /admin/reload} taking new evidence and contexts
 * without a restart.
 */
class TrustEnforcementIT {
    static final String ADMIN = "admin-token-0123456789";
    static final String CONFIG = """
            server: {port: 0, admin-token: %s}
            providers:
              sandbox: {kind: sandbox}
            models:
              local-llama: {provider: sandbox, upstream-model: sandbox-echo, profile: meta-llama/Llama-3.3-70B-Instruct}
              gpt: {provider: sandbox, upstream-model: sandbox-echo, profile: gpt-4o, fallbacks: [local-llama]}
              claude: {provider: sandbox, upstream-model: sandbox-echo, profile: claude-sonnet-4-20250514}
              mystery: {provider: sandbox, upstream-model: sandbox-echo}
            tiers:
              default: {}
              clinic: {contexts: [clinical-notes]}
              office: {contexts: [internal-tooling, credit-decisions]}
              lab: {contexts: [lab-notes]}
              no-falcon:
                firewall:
                  input:
                    - {scanner: banned-substrings, action: block, substrings: [project falcon]}
            """.formatted(ADMIN);

    /** Keeps the audit events, to see the reloads among them. */
    final List<io.trustgate.api.audit.AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    final AuditSink recorded = new AuditSink() {
        @Override
        public java.util.concurrent.CompletableFuture<Long> append(io.trustgate.api.audit.AuditEvent e) {
            events.add(e);
            return java.util.concurrent.CompletableFuture.completedFuture((long) events.size());
        }

        @Override
        public void close() {}
    };

    @TempDir
    Path dir;

    SqliteStore store;
    Gateway gateway;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> keys = new java.util.HashMap<>();

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("trustgate.yaml");
        Files.writeString(file, CONFIG);
        Path data = dir.resolve("data");
        TrustgateConfig config = ConfigLoader.load(file, Map.of());
        Files.createDirectories(data.resolve("contexts"));
        Files.writeString(data.resolve("contexts").resolve("lab-notes.yaml"), """
                name: lab-notes
                owner: lab
                eu-ai-act: {role: deployer, prohibited-practice: none, annex-iii: none}
                data-sensitivity: internal
                requirements: {licence: {use: {commercial: true}}}
                firewall: no-falcon
                """);
        store = SqliteStore.open(data);
        gateway = Wiring.gateway(config, store, recorded, Clock.systemUTC());
        TrustWiring.install(gateway, config, Optional.of(file), data);
        gateway.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        KeyIssuer issuer = new KeyIssuer();
        for (String tier : List.of("default", "clinic", "office", "lab")) {
            KeyIssuer.Issued k = issuer.issue(tier + "-key", "default", tier, Instant.now(), ApiKey.NEVER);
            store.insert(k.key());
            keys.put(tier, k.secret());
        }
    }

    @AfterEach
    void stop() {
        gateway.close();
        store.close();
    }

    HttpResponse<String> chat(String tier, String model, String context) throws Exception {
        return chat(tier, model, context, "hi");
    }

    HttpResponse<String> chat(String tier, String model, String context, String text) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + keys.get(tier))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"));
        if (context != null) {
            b.header("x-trustgate-context", context);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> reload() throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/admin/reload"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theModelListShowsOnlyWhatTheContextAllows() throws Exception {
        HttpResponse<String> list = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/models"))
                        .header("Authorization", "Bearer " + keys.get("clinic"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"local-llama\"").doesNotContain("\"gpt\"");
    }

    @Test
    void clinicalNotesKeysMayNotUseAClosedApiModelButMayUseASelfHostedOne() throws Exception {
        HttpResponse<String> gpt = chat("clinic", "gpt", null);
        assertThat(gpt.statusCode()).isEqualTo(403);
        assertThat(gpt.body()).contains("model_not_allowed_in_context", "clinical-notes", "licence");
        assertThat(chat("clinic", "local-llama", null).statusCode()).isEqualTo(200);
        assertThat(chat("clinic", "local-llama", "clinical-notes").statusCode()).isEqualTo(200);
        HttpResponse<String> other = chat("clinic", "local-llama", "internal-tooling");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("context_not_allowed");
    }

    @Test
    void healthDataRefusesAVendorApiWithoutEuResidencyNamingTheFactAndItsSourceUntilTheFactsChange() throws Exception {
        HttpResponse<String> claude = chat("clinic", "claude", null);
        assertThat(claude.statusCode()).isEqualTo(403);
        assertThat(claude.body())
                .contains(
                        "model_not_allowed_in_context",
                        "clinical-notes",
                        "not-met: data (health): eu-residency",
                        "https://platform.claude.com/docs/en/build-with-claude/data-residency (seen 2026-11-26)");
        // The same model with internal data is allowed: sensitivity, not the model, decides.
        assertThat(chat("office", "claude", "internal-tooling").statusCode()).isEqualTo(200);
        // The operator's own vendor facts (<data-dir>/catalog/providers) replace the shipped ones on reload.
        Path providers = dir.resolve("data").resolve("catalog").resolve("providers");
        Files.createDirectories(providers);
        Files.writeString(providers.resolve("anthropic.yaml"), """
                provider: Anthropic
                trains-on-customer-data: {value: false, source: "https://example.org/contract", seen: 2026-11-20}
                dpa: {value: true, source: "https://example.org/contract", seen: 2026-11-20}
                eu-data-residency: {value: true, source: "https://example.org/contract", seen: 2026-11-20}
                hipaa-baa: {value: true, source: "https://example.org/contract", seen: 2026-11-20}
                zero-retention: {value: true, source: "https://example.org/contract", seen: 2026-11-20}
                """);
        assertThat(reload().statusCode()).isEqualTo(200);
        HttpResponse<String> after = chat("clinic", "claude", null);
        // The data checks now pass; the context's licence use (fine-tuning) is what still refuses it.
        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(after.body()).contains("licence").doesNotContain("eu-residency");
    }

    @Test
    void theHeaderChoosesAmongTheTiersContextsAndTheFirstIsTheDefault() throws Exception {
        assertThat(chat("office", "gpt", null).statusCode()).isEqualTo(200); // internal-tooling
        HttpResponse<String> credit = chat("office", "gpt", "credit-decisions");
        assertThat(credit.statusCode()).isEqualTo(403);
        assertThat(credit.body()).contains("model_not_allowed_in_context", "attack_success_rate");
        HttpResponse<String> mystery = chat("office", "mystery", null);
        assertThat(mystery.statusCode()).isEqualTo(403);
        assertThat(mystery.body()).contains("not linked to a profile");
        // A tier bound to no context is not checked.
        assertThat(chat("default", "mystery", null).statusCode()).isEqualTo(200);
    }

    @Test
    void newEvidenceTakesEffectOnReloadAndABrokenContextFileKeepsTheOldTable() throws Exception {
        assertThat(chat("office", "local-llama", "credit-decisions").statusCode())
                .isEqualTo(403);
        new EvidenceFiles(dir.resolve("data"))
                .write(new Evidence(
                        "meta-llama/Llama-3.3-70B-Instruct",
                        EvidenceKind.RED_TEAM,
                        "advbench",
                        "run-7",
                        java.time.LocalDate.of(2026, 11, 20),
                        "100 prompts, keyword judge",
                        List.of(Measurement.of("attack_success_rate", 0.03, 100)),
                        List.of()));
        assertThat(chat("office", "local-llama", "credit-decisions").statusCode())
                .as("the table is precomputed: no change before the reload")
                .isEqualTo(403);
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"contexts\":4", "\"bound_tiers\":3");
        assertThat(chat("office", "local-llama", "credit-decisions").statusCode())
                .isEqualTo(200);

        Path ctx = dir.resolve("data").resolve("contexts");
        Files.createDirectories(ctx);
        Files.writeString(ctx.resolve("broken.yaml"), "name: broken\nowner: x\neu-ai-act: {role: nobody}\n");
        HttpResponse<String> bad = reload();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("broken.yaml:3", "previous decisions stay");
        assertThat(chat("office", "local-llama", "credit-decisions").statusCode())
                .isEqualTo(200);
        // Both reloads, the one that worked and the one refused, are admin actions in the audit trail.
        assertThat(events.stream()
                        .filter(e -> e.kind() == io.trustgate.api.audit.AuditEvent.Kind.ADMIN_ACTION)
                        .map(e -> e.attributes().get("action") + " " + e.status()))
                .containsExactly("config.reload 200", "config.reload 400");
    }

    @Test
    void aContextNamingFirewallSettingsScreensItsRequestsWithThem() throws Exception {
        HttpResponse<String> lab = chat("lab", "local-llama", null, "notes on project falcon");
        assertThat(lab.statusCode()).isEqualTo(400);
        assertThat(lab.body()).contains("content_policy_violation");
        // the audit event names the context whose firewall blocked it, and keeps the key's tier beside it
        String requestId = lab.headers().firstValue("x-request-id").orElseThrow();
        assertThat(events)
                .filteredOn(e -> requestId.equals(e.requestId()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.context()).isEqualTo("lab-notes");
                    assertThat(e.attributes()).containsEntry("tier", "lab");
                });
        assertThat(chat("office", "local-llama", null, "notes on project falcon")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTierBoundToAnUnknownContextOrAnUnknownProfileFailsAtStartNamingTheKey() throws Exception {
        TrustgateConfig config = ConfigLoader.parse(CONFIG, "t.yaml", Map.of());
        assertThatThrownBy(() -> TrustWiring.snapshot(
                        TrustWiring.bindings(CONFIG.replace("[clinical-notes]", "[nope]"), "t.yaml"),
                        config,
                        dir.resolve("data"),
                        "t.yaml",
                        java.time.LocalDate.now()))
                .hasMessageContaining("tiers.clinic.contexts")
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> TrustWiring.snapshot(
                        TrustWiring.bindings(CONFIG.replace("profile: gpt-4o", "profile: gpt-99"), "t.yaml"),
                        config,
                        dir.resolve("data"),
                        "t.yaml",
                        java.time.LocalDate.now()))
                .hasMessageContaining("models.gpt.profile")
                .hasMessageContaining("gpt-99");
    }
}
