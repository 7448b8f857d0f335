package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.Tier;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.gateway.GatewayConfig;
import io.trustgate.gateway.ProviderConfig;
import io.trustgate.registry.ModelEntry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String OPENAI_SECRET = "sk-test-0123456789abcdef";
    static final String ANTHROPIC_SECRET = "sk-ant-fedcba9876543210";
    static final Map<String, String> ENV =
            Map.of("OPENAI_API_KEY", OPENAI_SECRET, "ANTHROPIC_API_KEY", ANTHROPIC_SECRET);

    static String example() throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/trustgate.example.yaml")) {
            assertThat(in).as("trustgate.example.yaml on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static TrustgateConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "t.yaml", ENV);
    }

    static List<ConfigProblem> problems(String yaml) {
        return problems(yaml, ENV);
    }

    static List<ConfigProblem> problems(String yaml, Map<String, String> env) {
        try {
            ConfigLoader.parse(yaml, "t.yaml", env);
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage())
                    .isEqualTo(String.join(
                            "\n", e.problems().stream().map(Object::toString).toList()));
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    static ConfigProblem only(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).as(problems.toString()).hasSize(1);
        return problems.get(0);
    }

    // ---- good files ------------------------------------------------------------------------------------------

    @Test
    void exampleLoadsWithEveryValue() throws IOException {
        TrustgateConfig config = parse(example());

        assertThat(config.source()).isEqualTo("t.yaml");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().maxRequestBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.server().adminToken().isEmpty()).isTrue();
        assertThat(config.providers())
                .extracting(ProviderConfig::name)
                .containsExactly("sandbox", "openai", "anthropic");
        ProviderConfig openai = config.providers().get(1);
        assertThat(openai.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(openai.apiKey().reveal()).isEqualTo(OPENAI_SECRET);
        assertThat(openai.totalTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(openai.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(openai.retryBaseDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(openai.breaker()).isEqualTo(ProviderConfig.BreakerConfig.DEFAULT);
        assertThat(config.providers().get(0).sandbox()).hasSize(2);
        assertThat(config.providers().get(0).sandbox().get(1).status()).isEqualTo(529);
        ModelEntry gpt = config.models().stream()
                .filter(m -> m.name().equals("gpt-4o"))
                .findFirst()
                .orElseThrow();
        assertThat(gpt.upstreamModel()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(gpt.price().inputPerMillion()).isEqualByComparingTo("2.50");
        assertThat(gpt.fallbacks()).containsExactly("claude-sonnet");
        Tier free = config.tiers().get(1);
        assertThat(free.monthlyCostBudgetMicros()).isEqualTo(5_000_000L);
        assertThat(free.allowedModels()).containsExactly("sandbox-*", "gpt-4o");
        assertThat(config.tiers().get(0).monthlyTokenBudget()).isEqualTo(Tier.UNLIMITED);
    }

    @Test
    void firewallSectionConfiguresTheInputChain() {
        TrustgateConfig c = parse("firewall:\n  input:\n    - {scanner: secrets, action: flag, threshold: 0.9}\n");
        assertThat(c.firewall().input())
                .containsExactly(new TrustgateConfig.ScannerRule(
                        "secrets", io.trustgate.api.Action.FLAG, 0.9, java.util.Map.of()));
        assertThat(c.firewall().output())
                .as("a firewall section without output keeps the default output chain")
                .isEqualTo(TrustgateConfig.FirewallSettings.DEFAULTS.output());
        assertThat(parse("firewall:\n  input: []\n").firewall().input()).isEmpty();
        assertThat(parse("firewall:\n  output: []\n").firewall().output()).isEmpty();
        // a section written for another option keeps both default chains: it must never switch scanning off
        for (String yaml : List.of(
                "firewall:\n  canary: true\n",
                "firewall:\n  scan-time-limit: 5s\n",
                "firewall:\n",
                "firewall:\n  input:\n  output:\n")) {
            TrustgateConfig.FirewallSettings f = parse(yaml).firewall();
            assertThat(f.input()).as(yaml).isEqualTo(TrustgateConfig.FirewallSettings.DEFAULTS.input());
            assertThat(f.output()).as(yaml).isEqualTo(TrustgateConfig.FirewallSettings.DEFAULTS.output());
        }
        assertThat(parse("").firewall()).isEqualTo(TrustgateConfig.FirewallSettings.DEFAULTS);
        assertThat(TrustgateConfig.FirewallSettings.DEFAULTS.output())
                .extracting(TrustgateConfig.ScannerRule::scanner)
                .contains("secrets");
    }

    @Test
    void tiersHaveTheirOwnFirewallAndInheritWhatTheyLeaveOut() {
        TrustgateConfig c = parse("firewall:\n  input:\n    - {scanner: secrets, action: block}\n"
                + "  output:\n    - {scanner: secrets, action: redact}\n  stream-holdback: 200\n"
                + "tiers:\n  open:\n    models: ['*']\n  strict:\n    models: ['*']\n    firewall:\n"
                + "      input:\n        - {scanner: pii, action: anonymize}\n      canary: true\n"
                + "server:\n  default-tier: open\n");
        assertThat(c.tierFirewalls()).containsOnlyKeys("strict");
        TrustgateConfig.FirewallSettings strict = c.tierFirewalls().get("strict");
        assertThat(strict.input())
                .extracting(TrustgateConfig.ScannerRule::action)
                .containsExactly(io.trustgate.api.Action.ANONYMIZE);
        assertThat(strict.output()).isEqualTo(c.firewall().output());
        assertThat(strict.canary()).isTrue();
        assertThat(strict.streamHoldback()).isEqualTo(200);
        assertThat(Wiring.settingsOf(c, "open")).isEqualTo(c.firewall());
    }

    @Test
    void theScanTimeLimitIsReadValidatedInheritedAndReachesTheChains() {
        assertThat(parse("").firewall().scanTimeLimit()).isEqualTo(java.time.Duration.ofSeconds(30));
        TrustgateConfig c = parse("firewall:\n  scan-time-limit: 250ms\n"
                + "tiers:\n  open:\n    models: ['*']\n  strict:\n    models: ['*']\n    firewall:\n"
                + "      scan-time-limit: 2s\n  plain:\n    models: ['*']\n    firewall:\n      canary: true\n"
                + "server:\n  default-tier: open\n");
        assertThat(c.firewall().scanTimeLimit()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(c.tierFirewalls().get("strict").scanTimeLimit()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(c.tierFirewalls().get("plain").scanTimeLimit()).isEqualTo(java.time.Duration.ofMillis(250));
        io.trustgate.gateway.Firewalls.Policy strict =
                Wiring.policy(c.tierFirewalls().get("strict"));
        assertThat(strict.input().timeLimit()).contains(java.time.Duration.ofSeconds(2));
        assertThat(strict.output().timeLimit()).contains(java.time.Duration.ofSeconds(2));
        assertThat(problems("firewall:\n  scan-time-limit: 0s\n")).anySatisfy(x -> {
            assertThat(x.key()).isEqualTo("firewall.scan-time-limit");
            assertThat(x.message()).contains("must be from 1ms to 1h, was 0ms");
        });
        assertThat(problems("firewall:\n  scan-time-limit: soon\n"))
                .anySatisfy(x -> assertThat(x.key()).isEqualTo("firewall.scan-time-limit"));
    }

    @Test
    void scannerOptionsAreTheRuleOtherKeys() {
        TrustgateConfig c = parse("firewall:\n  input:\n    - scanner: banned-substrings\n      action: block\n"
                + "      substrings: [project falcon, 'codename: heron']\n      case-sensitive: true\n"
                + "  output:\n    - {scanner: exfiltration, action: redact, allowed-domains: [example.com]}\n");
        assertThat(c.firewall().input().get(0).options())
                .containsEntry("substrings", List.of("project falcon", "codename: heron"))
                .containsEntry("case-sensitive", "true");
        assertThat(c.firewall().output().get(0).options()).containsEntry("allowed-domains", List.of("example.com"));
        assertThat(Wiring.chain(c.firewall().input()).rules()).hasSize(1);
        List<ConfigProblem> p = problems("firewall:\n  input:\n    - {scanner: token-limit, action: block}\n"
                + "    - scanner: token-limit\n      max-tokens: lots\n");
        assertThat(p).anySatisfy(x -> assertThat(x.line()).isEqualTo(3));
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(5);
            assertThat(x.key()).isEqualTo("firewall.input[1].max-tokens");
        });
    }

    @Test
    void scannerOptionsAreCheckedByTheScannerAndReportedAtTheirLine() {
        List<ConfigProblem> p = problems("firewall:\n  input:\n    - scanner: secrets\n      action: block\n"
                + "      colour: red\n  output:\n    - {scanner: injection-heuristics}\n");
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(5);
            assertThat(x.key()).isEqualTo("firewall.input[0].colour");
            assertThat(x.message()).contains("takes no options").doesNotContain("did you mean");
        });
        assertThat(problems("firewall:\n  input:\n    - {scanner: secrets, action: block, treshold: 0.9}\n"))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).contains("(did you mean 'threshold'?)"));
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(7);
            assertThat(x.message()).contains("cannot run at the output stage");
        });
    }

    @Test
    void badFirewallEntriesAreReportedWithTheirLines() {
        List<ConfigProblem> p =
                problems("firewall:\n  input:\n    - {scanner: secretz}\n    - {scanner: pii, action: burn}\n"
                        + "    - {scanner: pii, threshold: 2}\n");
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.message()).contains("secretz");
        });
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.key()).isEqualTo("firewall.input[1].action");
        });
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(5);
            assertThat(x.key()).isEqualTo("firewall.input[2].threshold");
        });
    }

    @Test
    void onFailureDefaultsToBlockForBlockRulesAndAllowForTheOthers() {
        TrustgateConfig c = parse("firewall:\n  input:\n    - {scanner: secrets, action: block}\n"
                + "    - {scanner: pii, action: redact}\n    - {scanner: invisible-text, action: flag}\n"
                + "    - {scanner: injection-heuristics, action: block, on-failure: allow}\n"
                + "    - {scanner: token-limit, action: flag, on-failure: block, max-tokens: 10}\n");
        assertThat(c.firewall().input())
                .extracting(TrustgateConfig.ScannerRule::onFailure)
                .containsExactly(
                        FirewallChain.OnFailure.BLOCK,
                        FirewallChain.OnFailure.ALLOW,
                        FirewallChain.OnFailure.ALLOW,
                        FirewallChain.OnFailure.ALLOW,
                        FirewallChain.OnFailure.BLOCK);
        assertThat(c.firewall().input().get(4).options())
                .as("on-failure is a rule key, not a scanner option")
                .containsOnlyKeys("max-tokens");
        assertThat(TrustgateConfig.FirewallSettings.DEFAULTS.input())
                .filteredOn(r -> r.action() == io.trustgate.api.Action.BLOCK)
                .extracting(TrustgateConfig.ScannerRule::onFailure)
                .containsOnly(FirewallChain.OnFailure.BLOCK);
    }

    @Test
    void rolesLimitARuleToMessagesOfThoseRoles() {
        TrustgateConfig c =
                parse("firewall:\n  input:\n    - {scanner: secrets, action: block, roles: [user, system]}\n"
                        + "    - {scanner: pii, action: redact}\n");
        assertThat(c.firewall().input().get(0).roles())
                .containsExactlyInAnyOrder(
                        io.trustgate.api.ScanContext.Source.USER, io.trustgate.api.ScanContext.Source.OPERATOR);
        assertThat(c.firewall().input().get(0).options())
                .as("roles is a rule key")
                .isEmpty();
        assertThat(c.firewall().input().get(1).roles()).isEqualTo(FirewallChain.Rule.ALL_SOURCES);
    }

    @Test
    void anUnknownOrEmptyRoleListIsReportedAtItsLine() {
        ConfigProblem p = only("firewall:\n  input:\n    - {scanner: secrets, action: block, roles: [user, boss]}\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("firewall.input[0].roles");
        assertThat(p.message()).contains("boss").contains("tool");
        ConfigProblem empty = only("firewall:\n  input:\n    - {scanner: secrets, action: block, roles: []}\n");
        assertThat(empty.key()).isEqualTo("firewall.input[0].roles");
        assertThat(empty.message()).contains("at least one");
    }

    @Test
    void corroboratedByNamesTheScannerThatMustAgree() {
        TrustgateConfig c = parse("firewall:\n  input:\n"
                + "    - {scanner: injection-heuristics, action: block, corroborated-by: injection-classifier,\n"
                + "       corroboration-threshold: 0.3}\n"
                + "    - {scanner: secrets, action: block, corroborated-by: pii}\n");
        assertThat(c.firewall().input())
                .extracting(TrustgateConfig.ScannerRule::corroboration)
                .containsExactly(
                        java.util.Optional.of(new TrustgateConfig.Corroboration("injection-classifier", 0.3)),
                        java.util.Optional.of(new TrustgateConfig.Corroboration("pii", 0.5)));
        assertThat(c.firewall().input().get(0).options())
                .as("corroboration keys are rule keys, not scanner options")
                .isEmpty();
        FirewallChain chain = Wiring.chain(c.firewall().input());
        assertThat(chain.rules().get(0).corroboration().orElseThrow().scanner().name())
                .isEqualTo("injection-classifier");
    }

    @Test
    void aBadCorroborationIsReportedAtItsKey() {
        ConfigProblem unknown = only(
                "firewall:\n  input:\n    - {scanner: secrets, action: block, corroborated-by: injection-classifer}\n");
        assertThat(unknown.key()).isEqualTo("firewall.input[0].corroborated-by");
        assertThat(unknown.message()).contains("injection-classifier");
        ConfigProblem wrongStage =
                only("firewall:\n  input:\n    - {scanner: secrets, action: block, corroborated-by: refusal}\n");
        assertThat(wrongStage.message()).contains("not one of the input scanners");
        ConfigProblem needsOptions = only(
                "firewall:\n  input:\n    - {scanner: secrets, action: block, corroborated-by: banned-substrings}\n");
        assertThat(needsOptions.key()).isEqualTo("firewall.input[0].corroborated-by");
        assertThat(needsOptions.message()).contains("cannot corroborate");
        ConfigProblem alone =
                only("firewall:\n  input:\n    - {scanner: secrets, action: block, corroboration-threshold: 0.4}\n");
        assertThat(alone.key()).isEqualTo("firewall.input[0].corroboration-threshold");
        assertThat(alone.message()).contains("needs corroborated-by");
        ConfigProblem range = only("firewall:\n  input:\n    - {scanner: secrets, action: block,"
                + " corroborated-by: pii, corroboration-threshold: 1.5}\n");
        assertThat(range.key()).isEqualTo("firewall.input[0].corroboration-threshold");
    }

    @Test
    void theExampleSpellsOutTheBuiltInInputChain() throws IOException {
        assertThat(parse(example()).firewall().input()).isEqualTo(TrustgateConfig.DEFAULT_INPUT_FIREWALL);
    }

    @Test
    void badOnFailureValueIsReportedWithTheKeyAndTheAllowedValues() {
        ConfigProblem p = only("firewall:\n  output:\n    - {scanner: secrets, action: block, on-failure: open}\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("firewall.output[0].on-failure");
        assertThat(p.message()).contains("block, allow").contains("'open'");
    }

    @Test
    void tracingSectionWithSecretHeaders() {
        TrustgateConfig c = ConfigLoader.parse(
                "tracing:\n  enabled: true\n  otlp-endpoint: https://otel.example.com/v1/traces\n"
                        + "  service-name: gw-eu\n  sample-ratio: 0.25\n  headers:\n    x-honeycomb-team: ${OTLP_TEAM}\n",
                "t.yaml",
                Map.of("OTLP_TEAM", "team-secret-123"));
        assertThat(c.tracing().enabled()).isTrue();
        assertThat(c.tracing().otlpEndpoint()).isEqualTo(java.net.URI.create("https://otel.example.com/v1/traces"));
        assertThat(c.tracing().serviceName()).isEqualTo("gw-eu");
        assertThat(c.tracing().sampleRatio()).isEqualTo(0.25);
        assertThat(c.tracing().headers().get("x-honeycomb-team").reveal()).isEqualTo("team-secret-123");
        assertThat(c.tracing().toString()).doesNotContain("team-secret-123");
        assertThat(TrustgateConfig.defaults().tracing().enabled()).isFalse();
        assertThat(parse("tracing:\n  enabled: true\n").tracing().otlpEndpoint())
                .isEqualTo(java.net.URI.create("http://localhost:4318/v1/traces"));
    }

    @Test
    void badTracingValuesAreReportedWithTheirLines() {
        List<ConfigProblem> p = problems("tracing:\n  enabled: maybe\n  otlp-endpoint: ftp://x/v1/traces\n"
                + "  sample-ratio: 1.5\n  service-name: ''\n  headers:\n    'bad header': x\n"
                + "    authorization: \"Bearer abcdef\\nx\"\n  sampel-ratio: 1\n");
        assertThat(p).anySatisfy(x -> assertThat(x.key()).isEqualTo("tracing.enabled"));
        assertThat(p).anySatisfy(x -> {
            assertThat(x.key()).isEqualTo("tracing.otlp-endpoint");
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.message()).contains("http");
        });
        assertThat(p).anySatisfy(x -> {
            assertThat(x.key()).isEqualTo("tracing.sample-ratio");
            assertThat(x.line()).isEqualTo(4);
        });
        assertThat(p).anySatisfy(x -> assertThat(x.key()).isEqualTo("tracing.service-name"));
        assertThat(p).anySatisfy(x -> assertThat(x.key()).isEqualTo("tracing.headers.bad header"));
        assertThat(p).anySatisfy(x -> assertThat(x.key()).isEqualTo("tracing.headers.authorization"));
        assertThat(p).anySatisfy(x -> assertThat(x.message()).contains("sample-ratio")); // did you mean
        assertThat(p).allSatisfy(x -> assertThat(x.toString()).doesNotContain("abcdef"));
    }

    @Test
    void auditSectionAndTierCaptureModes() {
        TrustgateConfig c = parse("audit:\n  capture: hashed\n  ack: synced\n  retain-for: 90d\n"
                + "  retain-size: 10GiB\n  checkpoint-every: 500\n"
                + "tiers:\n  open:\n    models: ['*']\n  clinical:\n    models: ['*']\n    audit:\n"
                + "      capture: none\n"
                + "server:\n  default-tier: open\n");
        assertThat(c.audit().capture()).isEqualTo(io.trustgate.api.audit.CaptureMode.HASHED);
        assertThat(c.audit().ack()).isEqualTo(io.trustgate.audit.AuditConfig.Ack.SYNCED);
        assertThat(c.audit().retainFor()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(c.audit().retainBytes()).isEqualTo(10L << 30);
        assertThat(c.audit().checkpointEvery()).isEqualTo(500);
        assertThat(Wiring.capture(c).forTier("clinical")).isEqualTo(io.trustgate.api.audit.CaptureMode.NONE);
        assertThat(Wiring.capture(c).forTier("open")).isEqualTo(io.trustgate.api.audit.CaptureMode.HASHED);

        List<ConfigProblem> p =
                problems("audit:\n  capture: everything\n  checkpoint-every: 0\n  retain-for: forever\n");
        assertThat(p).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.key()).isEqualTo("audit.capture");
        });
        assertThat(p).anySatisfy(x -> assertThat(x.message()).contains("checkpoint-every"));
        assertThat(p).anySatisfy(x -> assertThat(x.key()).isEqualTo("audit.retain-for"));
    }

    @Test
    void exampleHoldsTheBuiltInDefaults() throws IOException {
        TrustgateConfig config = parse(example());
        TrustgateConfig defaults = TrustgateConfig.defaults();

        assertThat(config.server()).isEqualTo(defaults.server());
        assertThat(config.firewall()).isEqualTo(defaults.firewall());
        assertThat(config.audit()).isEqualTo(defaults.audit());
        assertThat(config.tracing()).isEqualTo(defaults.tracing());
        assertThat(config.tierFirewalls().get("free").canary()).isTrue();
        assertThat(config.tiers().get(0)).isEqualTo(defaults.tiers().get(0));
        ProviderConfig openai = config.providers().get(1);
        ProviderConfig openaiDefaults = ProviderConfig.defaults("openai", ProviderConfig.Kind.OPENAI, openai.baseUrl());
        assertThat(openai).usingRecursiveComparison().ignoringFields("apiKey").isEqualTo(openaiDefaults);
        assertThat(config.models().subList(0, 2)).isEqualTo(defaults.models());
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trustgate.yaml");
        Files.writeString(file, "\uFEFFserver:\n  port: 9000\n");

        TrustgateConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.source()).isEqualTo(file.toString());
    }

    @Test
    void emptyFileGivesTheBuiltInDefaults() {
        TrustgateConfig defaults = TrustgateConfig.defaults();
        for (String yaml : List.of("", "\n\n", "# only a comment\n", "---\n", "server:\n")) {
            TrustgateConfig config = ConfigLoader.parse(yaml, "t.yaml", Map.of());
            assertThat(config.server()).isEqualTo(defaults.server());
            assertThat(config.firewall()).isEqualTo(defaults.firewall());
            assertThat(config.tierFirewalls()).isEmpty();
            assertThat(config.providers()).isEqualTo(defaults.providers());
            assertThat(config.models()).isEqualTo(defaults.models());
            assertThat(config.tiers()).isEqualTo(defaults.tiers());
        }
    }

    @Test
    void declaredProvidersReplaceTheSandbox() {
        TrustgateConfig config = parse("""
                providers:
                  local: {base-url: "http://127.0.0.1:11434/v1"}
                """);

        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("local");
        assertThat(config.providers().get(0).kind()).isEqualTo(ProviderConfig.Kind.OPENAI);
        assertThat(config.models()).isEmpty();
        assertThat(config.tiers()).isEqualTo(TrustgateConfig.defaults().tiers());
    }

    @Test
    void sandboxBaseUrlAndKindDefaults() {
        TrustgateConfig config = parse("""
                providers:
                  sandbox: {kind: sandbox}
                  azure: {kind: azure-openai, base-url: "https://x.openai.azure.com"}
                """);

        assertThat(config.providers().get(0).baseUrl()).isEqualTo(URI.create("sandbox:/"));
        assertThat(config.providers().get(1).apiVersion()).isEqualTo("2024-10-21");
        assertThat(config.models()).isEqualTo(TrustgateConfig.defaults().models());
    }

    @Test
    void moneyIsConvertedToMicrosExactly() {
        TrustgateConfig config = parse("""
                tiers:
                  default: {monthly-cost-budget: 0.000001}
                  big: {monthly-cost-budget: 1234567.891234}
                """);

        assertThat(config.tiers().get(0).monthlyCostBudgetMicros()).isEqualTo(1L);
        assertThat(config.tiers().get(1).monthlyCostBudgetMicros()).isEqualTo(1_234_567_891_234L);
    }

    @Test
    void sizesAndDurationsInEveryUnit() {
        TrustgateConfig config = parse("""
                server: {max-request-bytes: 512KiB}
                providers:
                  a: {base-url: "http://a", connect-timeout: 250ms, first-byte-timeout: 5s, total-timeout: 1h,
                      idle-timeout: 90s, retry-max-delay: 2m}
                """);

        assertThat(config.server().maxRequestBytes()).isEqualTo(512 * 1024);
        ProviderConfig a = config.providers().get(0);
        assertThat(a.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(a.firstByteTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.totalTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(a.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("providers: {b: {base-url: 'http://b'}}")
                        .providers()
                        .get(0)
                        .idleTimeout())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(a.retryMaxDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("server: {max-request-bytes: 2048}").server().maxRequestBytes())
                .isEqualTo(2048);
        assertThat(parse("server: {max-request-bytes: 1GiB}").server().maxRequestBytes())
                .isEqualTo(1L << 30);
    }

    // ---- environment variables -------------------------------------------------------------------------------

    @Test
    void substitutesEnvironmentVariables() {
        String yaml = """
                server:
                  host: ${HOST}
                  port: ${PORT:-9090}
                  default-tier: ${TIER:-default}
                  admin-token: "${ADMIN_TOKEN:-}"
                """;

        TrustgateConfig set = ConfigLoader.parse(yaml, "t.yaml", Map.of("HOST", "0.0.0.0", "PORT", "1234"));
        assertThat(set.server().host()).isEqualTo("0.0.0.0");
        assertThat(set.server().port()).isEqualTo(1234);
        assertThat(set.server().adminToken().isEmpty()).isTrue();

        TrustgateConfig defaulted = ConfigLoader.parse(yaml, "t.yaml", Map.of("HOST", "h", "PORT", ""));
        assertThat(defaulted.server().port()).isEqualTo(9090);

        assertThat(parse("server: {host: \"a-${X:-b}-c\"}").server().host()).isEqualTo("a-b-c");
    }

    @Test
    void unsetVariableIsAProblemNamingIt() {
        ConfigProblem p = only("""
                providers:
                  openai:
                    base-url: https://api.openai.com/v1
                    api-key: ${MISSING_KEY}
                """);

        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("providers.openai.api-key");
        assertThat(p.message()).contains("MISSING_KEY").contains("not set");
    }

    @Test
    void badVariableReferencesAreProblems() {
        assertThat(only("server: {host: \"${1x}\"}").message()).contains("bad variable reference");
        assertThat(only("server: {host: \"${OPEN\"}").message()).contains("without a closing");
    }

    @Test
    void secretsNeverAppearInMessages() {
        String yaml = """
                server:
                  admin-token: ${ADMIN_TOKEN}
                  port: ${OPENAI_API_KEY}
                providers:
                  openai:
                    base-url: ${OPENAI_API_KEY}
                    api-key: ${OPENAI_API_KEY}
                    token: literal-secret-value
                  other:
                    base-url: "http://x"
                    api-key: [literal-secret-in-list]
                    headers: {Authorization: "Bearer ${OPENAI_API_KEY}", X: "\\r"}
                """;
        Map<String, String> env = Map.of("OPENAI_API_KEY", OPENAI_SECRET, "ADMIN_TOKEN", "short-admin");

        List<ConfigProblem> problems = problems(yaml, env);

        assertThat(problems)
                .extracting(ConfigProblem::key)
                .contains("server.admin-token", "server.port", "providers.openai.base-url", "providers.openai.token");
        for (ConfigProblem p : problems) {
            assertThat(p.toString())
                    .doesNotContain(OPENAI_SECRET)
                    .doesNotContain("short-admin")
                    .doesNotContain("literal-secret");
        }
    }

    // ---- bad values ------------------------------------------------------------------------------------------

    @Test
    void aTokenCountIsNotASecretAndItsBadValueIsShown() {
        ConfigProblem p = only("""
                tiers:
                  default:
                    tokens-per-minute: 1.5
                """);

        assertThat(p.toString())
                .isEqualTo("t.yaml:3: tiers.default.tokens-per-minute: expected a whole number, was '1.5'");
    }

    @Test
    void wrongTypeNamesTheValue() {
        ConfigProblem p = only("""
                server:
                  host: localhost
                  port: eighty
                """);

        assertThat(p.toString()).isEqualTo("t.yaml:3: server.port: expected a whole number, was 'eighty'");
    }

    @Test
    void mappingWhereAValueBelongs() {
        ConfigProblem p = only("server:\n  port: {a: 1}\n");
        assertThat(p.key()).isEqualTo("server.port");
        assertThat(p.message()).contains("expected a single value, was a mapping");

        ConfigProblem section = only("server: [1, 2]\n");
        assertThat(section.key()).isEqualTo("server");
        assertThat(section.message()).contains("expected a mapping");
    }

    @Test
    void negativeRateLimitIsReportedAtItsLine() {
        ConfigProblem p = only("""
                tiers:
                  default: {}
                  free:
                    requests-per-minute: -5
                """);

        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("tiers.free.requests-per-minute");
        assertThat(p.message()).isEqualTo("must be > 0, was -5");
    }

    @Test
    void everyValueARecordRejectsIsReported() {
        List<ConfigProblem> problems = problems("""
                providers:
                  a:
                    base-url: http://a
                    max-retries: 11
                    max-connections: 0
                    connect-timeout: 0s
                    circuit-breaker: {failure-threshold: 0, open-for: 0s}
                    idle-timeout: 0ms
                """);

        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "providers.a.max-retries",
                        "providers.a.max-connections",
                        "providers.a.connect-timeout",
                        "providers.a.idle-timeout",
                        "providers.a.circuit-breaker.failure-threshold",
                        "providers.a.circuit-breaker.open-for");
        assertThat(problems).extracting(ConfigProblem::line).contains(4, 5, 6, 7, 8);
        assertThat(problems)
                .filteredOn(p -> p.key().equals("providers.a.idle-timeout"))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("must be > 0, was PT0S"));
    }

    @Test
    void recordRulesWithoutAKeyAreReportedAtTheEnclosingNode() {
        ConfigProblem p = only("""
                providers:
                  OpenAI: {base-url: "http://a"}
                """);

        assertThat(p.line()).isEqualTo(2);
        assertThat(p.key()).isEqualTo("providers.OpenAI");
        assertThat(p.message()).contains("provider name must be");
    }

    @Test
    void unknownKeySuggestsTheNearest() {
        ConfigProblem p = only("""
                server:
                  prot: 8080
                """);

        assertThat(p.toString()).isEqualTo("t.yaml:2: server.prot: unknown key 'prot' (did you mean 'port'?)");
        assertThat(only("servers: {}").message()).contains("did you mean 'server'");
        assertThat(only("server: {zzzzzzzz: 1}").message()).doesNotContain("did you mean");
    }

    @Test
    void unknownProviderKind() {
        ConfigProblem p = only("""
                providers:
                  x:
                    kind: opanai
                    base-url: http://x
                """);

        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("providers.x.kind");
        assertThat(p.message())
                .contains("openai, azure-openai, anthropic, sandbox")
                .contains("did you mean 'openai'")
                .contains("'opanai'");
    }

    @Test
    void baseUrlIsRequiredAndChecked() {
        ConfigProblem missing = only("providers:\n  x: {kind: anthropic}\n");
        assertThat(missing.key()).isEqualTo("providers.x.base-url");
        assertThat(missing.line()).isEqualTo(2);

        ConfigProblem ftp = only("providers:\n  x:\n    base-url: ftp://x\n");
        assertThat(ftp.key()).isEqualTo("providers.x.base-url");
        assertThat(ftp.line()).isEqualTo(3);
        assertThat(ftp.message()).contains("http(s)");
    }

    @Test
    void modelNamingAnUndeclaredProvider() {
        ConfigProblem p = only("""
                providers:
                  openai: {base-url: "https://api.openai.com/v1"}
                models:
                  gpt-4o:
                    provider: opnai
                """);

        assertThat(p.line()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("models.gpt-4o.provider");
        assertThat(p.message()).contains("'opnai'").contains("did you mean 'openai'");
    }

    @Test
    void modelWithoutProvider() {
        ConfigProblem p = only("models:\n  m: {kind: chat}\n");
        assertThat(p.key()).isEqualTo("models.m.provider");
        assertThat(p.message()).contains("required");
    }

    @Test
    void fallbackToAnUndeclaredModel() {
        List<ConfigProblem> problems = problems("""
                models:
                  a:
                    provider: sandbox
                    fallbacks:
                      - b
                      - sandbox-ech
                      - a
                  b: {provider: sandbox, kind: embedding}
                """);

        assertThat(problems).extracting(ConfigProblem::key).containsOnly("models.a.fallbacks");
        assertThat(problems).extracting(ConfigProblem::line).containsExactly(5, 6, 7);
        assertThat(problems.get(0).message()).contains("embedding");
        assertThat(problems.get(1).message()).contains("not a declared model");
        assertThat(problems.get(2).message()).contains("own fallback");
    }

    @Test
    void defaultTierMustBeDeclared() {
        ConfigProblem p = only("""
                server:
                  default-tier: gold
                tiers:
                  golden: {}
                """);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.key()).isEqualTo("server.default-tier");
        assertThat(p.message()).contains("'gold'").contains("did you mean 'golden'");

        ConfigProblem implicit = only("\ntiers:\n  free: {}\n");
        assertThat(implicit.line()).isEqualTo(2);
        assertThat(implicit.key()).isEqualTo("server.default-tier");
    }

    @Test
    void tierModelsMustBeDeclaredOrPatterns() {
        List<ConfigProblem> problems = problems("""
                tiers:
                  default:
                    models: [sandbox-echo, gpt-*, "*x", nope]
                """);

        assertThat(problems).extracting(ConfigProblem::message).anyMatch(m -> m.contains("'*x'"));
        assertThat(problems).extracting(ConfigProblem::message).anyMatch(m -> m.contains("'nope'"));
        assertThat(problems).hasSize(2);
    }

    @Test
    void duplicateKeyNamesBothLines() {
        ConfigProblem p = only("""
                server:
                  port: 1
                  host: x
                  port: 2
                """);

        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("server.port");
        assertThat(p.message()).contains("duplicate").contains("line 2");
    }

    @Test
    void badDuration() {
        ConfigProblem p = only("""
                providers:
                  x:
                    base-url: http://x
                    connect-timeout: 5 seconds
                """);

        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).isEqualTo("providers.x.connect-timeout");
        assertThat(p.message()).contains("250ms").contains("'5 seconds'");
        assertThat(only("providers: {x: {base-url: 'http://x', total-timeout: 25h}}")
                        .message())
                .contains("at most 24h");
    }

    @Test
    void badSize() {
        ConfigProblem p = only("server:\n  max-request-bytes: 4MB\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.key()).isEqualTo("server.max-request-bytes");
        assertThat(p.message()).contains("MiB").contains("'4MB'");

        ConfigProblem tooBig = only("server:\n  max-request-bytes: 2GiB\n");
        assertThat(tooBig.message()).contains("1 GiB");
    }

    @Test
    void scanPool() {
        GatewayConfig d = parse("server: {port: 9000}").server();
        assertThat(d.scanThreads()).isZero();
        assertThat(d.scanQueue()).isEqualTo(GatewayConfig.DEFAULT_SCAN_QUEUE);
        assertThat(d.effectiveScanThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        GatewayConfig c = parse("server: {scan-threads: 3, scan-queue: 0}").server();
        assertThat(c.scanThreads()).isEqualTo(3);
        assertThat(c.scanQueue()).isZero();

        ConfigProblem p = only("server:\n  scan-queue: -1\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.key()).isEqualTo("server.scan-queue");
        assertThat(p.message()).contains("must be 0-100000, was -1");
        ConfigProblem notANumber = only("server:\n  scan-threads: many\n");
        assertThat(notANumber.key()).isEqualTo("server.scan-threads");
    }

    @Test
    void requestTimeoutDefaultsToFiveMinutesAndMustBePositive() {
        assertThat(parse("server: {port: 9000}").server().requestTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse("server: {request-timeout: 90s}").server().requestTimeout())
                .isEqualTo(Duration.ofSeconds(90));

        ConfigProblem zero = only("server:\n  port: 9000\n  request-timeout: 0s\n");
        assertThat(zero.line()).isEqualTo(3);
        assertThat(zero.key()).isEqualTo("server.request-timeout");
        assertThat(zero.message()).isEqualTo("must be > 0, was PT0S");
        ConfigProblem notADuration = only("server:\n  request-timeout: 5\n");
        assertThat(notADuration.key()).isEqualTo("server.request-timeout");
        assertThat(notADuration.message()).contains("250ms");
    }

    @Test
    void badMoney() {
        List<ConfigProblem> problems = problems("""
                models:
                  m: {provider: sandbox, price: {input: -1, output: 1e3}}
                tiers:
                  default: {monthly-cost-budget: 0.0000001}
                """);

        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactly("models.m.price.input", "models.m.price.output", "tiers.default.monthly-cost-budget");
        assertThat(problems.get(2).message()).contains("6 decimal places");
    }

    @Test
    void hugeNumbersAreProblemsNotExceptions() {
        String huge = "9".repeat(40);
        List<ConfigProblem> problems = problems("server: {port: " + huge + ", max-request-bytes: " + huge + "GiB}\n"
                + "tiers: {default: {requests-per-minute: " + huge + ", monthly-cost-budget: 999999999999999}}\n"
                + "providers: {x: {base-url: 'http://x', open-for: 1h, connect-timeout: " + huge + "h}}\n");

        assertThat(problems)
                .extracting(ConfigProblem::key)
                .contains(
                        "server.port",
                        "server.max-request-bytes",
                        "tiers.default.requests-per-minute",
                        "tiers.default.monthly-cost-budget",
                        "providers.x.connect-timeout");
    }

    @Test
    void repliesOnlyForTheSandbox() {
        ConfigProblem p = only("providers:\n  x:\n    base-url: http://x\n    replies: [{match: a, reply: b}]\n");
        assertThat(p.key()).isEqualTo("providers.x.replies");
        assertThat(p.line()).isEqualTo(4);

        ConfigProblem status =
                only("providers:\n  sandbox:\n    kind: sandbox\n    replies:\n      - {match: a, status: 99}\n");
        assertThat(status.key()).isEqualTo("providers.sandbox.replies[0].status");
        assertThat(status.line()).isEqualTo(5);
    }

    // ---- malformed files -------------------------------------------------------------------------------------

    @Test
    void malformedYamlReportsTheParserLine() {
        ConfigProblem p = only("""
                server:
                  port: 8080
                 host: x
                """);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEmpty();
        assertThat(p.message()).startsWith("invalid YAML");

        ConfigProblem tab = only("server:\n\tport: 1\n");
        assertThat(tab.line()).isEqualTo(2);
        assertThat(tab.message()).contains("TAB");

        assertThat(only("server: {port: 1\n").message()).startsWith("invalid YAML");
        assertThat(only("a: *nothing\n").message()).contains("alias");
    }

    @Test
    void parserMessagesDoNotQuoteTheFile() {
        ConfigProblem p = only("providers:\n  x:\n    api-key: \"" + OPENAI_SECRET + "\n  bad: [\n");
        assertThat(p.toString()).doesNotContain(OPENAI_SECRET);
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(only("just a string").message()).contains("expected a mapping");
        assertThat(only("- a\n- b\n").message()).contains("was a list");
        assertThat(only("? [a, b]\n: c\n").message()).contains("keys must be plain names");
        assertThat(only("server: {}\n---\nserver: {}\n").line()).isEqualTo(3);
    }

    @Test
    void deepNestingIsAProblem() {
        assertThat(only("[".repeat(100_000)).message()).contains("nested more than");
        assertThat(only("- ".repeat(50_000) + "y").message()).contains("nested more than");
        assertThat(only("{a: ".repeat(50_000)).message()).contains("nested more than");
    }

    @Test
    void badUtf8IsReportedWithItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).line()).isEqualTo(2);
            assertThat(e.problems().get(0).message()).contains("UTF-8");
        });
    }

    @Test
    void missingFileIsAProblem(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void controlCharactersAreProblems() {
        assertThat(only("server: {host: \"a\u0001b\"}").message()).contains("U+0001");
        ConfigProblem third = only("server:\n  port: 1\n  host: \"\u00e9\u0002\"\n");
        assertThat(third.line()).isEqualTo(3);
    }

    // ---- many problems ---------------------------------------------------------------------------------------

    @Test
    void reportsEveryProblemInFileOrder() {
        List<ConfigProblem> problems = problems("""
                server:
                  prot: 8080
                  event-loops: -1
                providers:
                  x:
                    kind: sandbox
                    max-retries: lots
                models:
                  m:
                    provider: y
                    fallbacks: [n]
                tiers:
                  default:
                    tokens-per-minute: 0
                    monthly-token-budget: -1
                """);

        assertThat(problems).extracting(ConfigProblem::line).containsExactly(2, 3, 7, 10, 11, 14, 15);
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactly(
                        "server.prot",
                        "server.event-loops",
                        "providers.x.max-retries",
                        "models.m.provider",
                        "models.m.fallbacks",
                        "tiers.default.tokens-per-minute",
                        "tiers.default.monthly-token-budget");
    }

    @Test
    void problemFormat() {
        assertThat(new ConfigProblem("f.yaml", 12, "tiers.free.requests-per-minute", "must be > 0, was -5"))
                .hasToString("f.yaml:12: tiers.free.requests-per-minute: must be > 0, was -5");
        assertThat(new ConfigProblem("f.yaml", 1, "", "invalid YAML")).hasToString("f.yaml:1: invalid YAML");
    }

    @Test
    void priceIsExact() {
        TrustgateConfig config = parse("models:\n  m: {provider: sandbox, price: {input: 0.15}}\n");
        assertThat(config.models().get(0).price().inputPerMillion()).isEqualTo(new BigDecimal("0.15"));
        assertThat(config.models().get(0).price().outputPerMillion()).isEqualByComparingTo("0");
    }
}
