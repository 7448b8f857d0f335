package io.trustgate.policy.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The EU AI Act (Regulation (EU) 2024/1689) questions a context answers, and the risk tier and obligations that
 * follow. This is a structured first reading for the people who own the context, not legal advice: the Art. 6(3)
 * derogation (an Annex III system that poses no significant risk) and sector law (GDPR, MDR, consumer credit) are not
 * assessed here.
 *
 * @param role {@code provider} (you put the AI system into service under your name) or {@code deployer}
 * @param prohibitedPractice the point of Art. 5(1), {@code a} to {@code h}, when the use is one of its practices
 * @param annexIii the Annex III area, e.g. {@code 5(b)} (creditworthiness), when the use falls in one
 * @param annexIProduct the system is a product, or a safety component of one, under the Union harmonisation law of
 *     Annex I that needs a third-party conformity assessment (e.g. a medical device under Regulation (EU) 2017/745):
 *     high-risk under Art. 6(1)
 * @param interactsWithPeople natural persons interact with the system directly (Art. 50(1))
 * @param generatesSyntheticContent the system generates synthetic text, audio, images or video (Art. 50(2))
 * @param emotionOrBiometric the system recognises emotions or categorises people biometrically (Art. 50(3))
 */
public record Questionnaire(
        String role,
        Optional<String> prohibitedPractice,
        Optional<String> annexIii,
        boolean annexIProduct,
        boolean interactsWithPeople,
        boolean generatesSyntheticContent,
        boolean emotionOrBiometric) {

    /** Art. 5(1) points and what they forbid, briefly. */
    public static final Map<String, String> ART_5 = Map.of(
            "a", "subliminal, manipulative or deceptive techniques that distort behaviour and cause significant harm",
            "b", "exploiting vulnerabilities of age, disability or social or economic situation",
            "c", "social scoring leading to detrimental or unfavourable treatment",
            "d", "predicting the risk of a criminal offence based solely on profiling or personality traits",
            "e", "untargeted scraping of facial images to build facial recognition databases",
            "f", "inferring emotions in the workplace or in education (except medical or safety reasons)",
            "g", "biometric categorisation to infer race, political opinions, religion, sex life or orientation",
            "h", "real-time remote biometric identification in public spaces for law enforcement");

    /** Annex III areas (points and sub-points) and what they cover, briefly. */
    public static final Map<String, String> ANNEX_III = Map.ofEntries(
            Map.entry("1(a)", "remote biometric identification"),
            Map.entry("1(b)", "biometric categorisation by sensitive or protected attributes"),
            Map.entry("1(c)", "emotion recognition"),
            Map.entry(
                    "2",
                    "safety components of critical digital infrastructure, road traffic, water, gas, heating,"
                            + " electricity"),
            Map.entry("3(a)", "access or admission to education and vocational training"),
            Map.entry("3(b)", "evaluating learning outcomes"),
            Map.entry("3(c)", "assessing the appropriate level of education"),
            Map.entry("3(d)", "monitoring prohibited behaviour of students during tests"),
            Map.entry("4(a)", "recruitment and selection of natural persons"),
            Map.entry("4(b)", "decisions on work relationships, task allocation, monitoring of workers"),
            Map.entry(
                    "5(a)",
                    "eligibility for essential public assistance benefits and services, including health" + " care"),
            Map.entry("5(b)", "creditworthiness or credit score of natural persons (except detecting financial fraud)"),
            Map.entry("5(c)", "risk assessment and pricing for natural persons in life and health insurance"),
            Map.entry("5(d)", "evaluating and classifying emergency calls, dispatch, emergency patient triage"),
            Map.entry("6(a)", "law enforcement: risk of a person becoming a victim of crime"),
            Map.entry("6(b)", "law enforcement: polygraphs and similar tools"),
            Map.entry("6(c)", "law enforcement: reliability of evidence"),
            Map.entry("6(d)", "law enforcement: risk of offending not solely based on profiling"),
            Map.entry("6(e)", "law enforcement: profiling in detection, investigation or prosecution"),
            Map.entry("7(a)", "migration: polygraphs and similar tools"),
            Map.entry("7(b)", "migration: security, irregular migration or health risk assessment"),
            Map.entry("7(c)", "migration: examining applications for asylum, visa and residence permits"),
            Map.entry("7(d)", "migration: detecting, recognising or identifying natural persons"),
            Map.entry("8(a)", "administration of justice: researching and interpreting facts and the law"),
            Map.entry("8(b)", "influencing the outcome of an election or referendum or voting behaviour"));

    public Questionnaire {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(prohibitedPractice, "prohibitedPractice");
        Objects.requireNonNull(annexIii, "annexIii");
        if (!role.equals("provider") && !role.equals("deployer")) {
            throw new IllegalArgumentException("role must be provider or deployer, was '" + role + "'");
        }
        prohibitedPractice.ifPresent(p -> {
            if (!ART_5.containsKey(p)) {
                throw new IllegalArgumentException(
                        "prohibited-practice must be none or a point of Art. 5(1), a to h, was '" + p + "'");
            }
        });
        annexIii.ifPresent(a -> {
            if (!ANNEX_III.containsKey(a)) {
                throw new IllegalArgumentException("annex-iii must be none or an Annex III point such as 5(b), was '"
                        + a + "' (known: " + new java.util.TreeSet<>(ANNEX_III.keySet()) + ")");
            }
        });
    }

    /** The tier: prohibited, then high, then limited (any Art. 50 trigger), else minimal. */
    public RiskTier tier() {
        if (prohibitedPractice.isPresent()) {
            return RiskTier.PROHIBITED;
        }
        if (annexIii.isPresent() || annexIProduct) {
            return RiskTier.HIGH;
        }
        if (interactsWithPeople || generatesSyntheticContent || emotionOrBiometric) {
            return RiskTier.LIMITED;
        }
        return RiskTier.MINIMAL;
    }

    /** Why the tier is what it is, citing the article. */
    public String tierReason() {
        return switch (tier()) {
            case PROHIBITED ->
                "Art. 5(1)(" + prohibitedPractice.orElseThrow() + "): " + ART_5.get(prohibitedPractice.orElseThrow());
            case HIGH ->
                annexIii.map(a -> "Art. 6(2) and Annex III point " + a + ": " + ANNEX_III.get(a))
                        .orElse("Art. 6(1) and Annex I: a product or safety component under Union harmonisation law"
                                + " that needs a third-party conformity assessment");
            case LIMITED -> "Art. 50: transparency duties (interacts with people or generates synthetic content)";
            case MINIMAL -> "no Art. 5 practice, no Annex I product, no Annex III area, no Art. 50 trigger";
        };
    }

    /** The obligations of the tier for this role, each with its article. */
    public List<Obligation> obligations() {
        List<Obligation> out = new ArrayList<>();
        RiskTier tier = tier();
        if (tier == RiskTier.PROHIBITED) {
            out.add(new Obligation(
                    "Art. 5(1)(" + prohibitedPractice.orElseThrow() + ")",
                    "provider and deployer",
                    "the practice may not be placed on the market, put into service or used (applies from 2 February"
                            + " 2025, Art. 113(a))"));
            return List.copyOf(out);
        }
        out.add(new Obligation(
                "Art. 4",
                "provider and deployer",
                "ensure a sufficient level of AI literacy of staff using the system"));
        if (tier == RiskTier.HIGH) {
            if (role.equals("provider")) {
                out.add(new Obligation("Art. 9", "provider", "a risk management system over the whole lifecycle"));
                out.add(new Obligation(
                        "Art. 10", "provider", "data governance for training, validation and test data"));
                out.add(new Obligation("Art. 11", "provider", "technical documentation (Annex IV)"));
                out.add(new Obligation("Art. 12", "provider", "automatic recording of events (logs)"));
                out.add(new Obligation("Art. 13", "provider", "transparency and instructions for use for deployers"));
                out.add(new Obligation("Art. 14", "provider", "designed for effective human oversight"));
                out.add(new Obligation("Art. 15", "provider", "appropriate accuracy, robustness and cybersecurity"));
                out.add(new Obligation("Art. 17", "provider", "a quality management system"));
                out.add(new Obligation("Art. 43", "provider", "conformity assessment before placing on the market"));
                out.add(new Obligation("Art. 49", "provider", "registration in the EU database (Art. 71)"));
                out.add(new Obligation("Art. 72", "provider", "post-market monitoring"));
                out.add(new Obligation("Art. 73", "provider", "report serious incidents"));
            }
            out.add(new Obligation("Art. 26(1)", "deployer", "use the system according to its instructions for use"));
            out.add(new Obligation(
                    "Art. 26(2)", "deployer", "assign human oversight to people with the competence and authority"));
            out.add(new Obligation(
                    "Art. 26(4)", "deployer", "input data under your control is relevant and representative"));
            out.add(new Obligation(
                    "Art. 26(5)", "deployer", "monitor operation, inform the provider and suspend use on a risk"));
            out.add(new Obligation(
                    "Art. 26(6)", "deployer", "keep the logs under your control for at least six months"));
            if (annexIii.isPresent()) {
                out.add(new Obligation(
                        "Art. 26(11)",
                        "deployer",
                        "inform natural persons that they are subject to the use of the system for decisions"));
                out.add(new Obligation(
                        "Art. 86",
                        "deployer",
                        "on request, a clear explanation of the system's role in a decision with legal or similarly"
                                + " significant effects"));
            }
            if (annexIii.filter(a -> a.equals("5(b)") || a.equals("5(c)")).isPresent()) {
                out.add(new Obligation(
                        "Art. 27",
                        "deployer",
                        "a fundamental rights impact assessment before first use (required for Annex III 5(b) and"
                                + " 5(c))"));
            }
        }
        if (interactsWithPeople) {
            out.add(new Obligation(
                    "Art. 50(1)",
                    "provider",
                    "tell people they are interacting with an AI system, unless obvious from the context"));
        }
        if (generatesSyntheticContent) {
            out.add(new Obligation(
                    "Art. 50(2)",
                    "provider",
                    "mark synthetic text, audio, image or video output as AI-generated in a machine-readable way"));
        }
        if (emotionOrBiometric) {
            out.add(new Obligation(
                    "Art. 50(3)",
                    "deployer",
                    "inform the people exposed to emotion recognition or biometric categorisation"));
        }
        if (tier == RiskTier.MINIMAL || tier == RiskTier.LIMITED) {
            out.add(new Obligation("Art. 95", "provider and deployer", "voluntary codes of conduct (optional)"));
        }
        return List.copyOf(out);
    }
}
