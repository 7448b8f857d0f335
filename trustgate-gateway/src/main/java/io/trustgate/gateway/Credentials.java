package io.trustgate.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The credential values one provider is configured with (its {@code api-key} and the values of its
 * {@code headers}), so that upstream text can be scrubbed of them before a client sees it. The secrets and PII
 * masker knows only vendor key formats; an upstream or a proxy in front of it that quotes the credential it got
 * (a local server's key, an Azure key, a custom header) would otherwise hand the gateway's own key to any client.
 *
 * <p>Each value is also hidden in its URL-encoded and Base64 forms. The {@code Bearer} form needs nothing more:
 * it contains the value. Values shorter than {@value #MIN_KEY} characters (api-key) or {@value #MIN_HEADER}
 * (header values, mostly not secret) are left alone: masking every "1" or "yes" would garble messages and hide
 * nothing worth hiding.
 *
 * @param values the strings to hide, longest first, so that a longer form is replaced before a value inside it
 */
record Credentials(List<String> values) {
    /** What a credential value is replaced with. */
    static final String PLACEHOLDER = "[PROVIDER_CREDENTIAL]";

    static final int MIN_KEY = 4;
    static final int MIN_HEADER = 8;

    /** No credentials: for providers that have none (the sandbox). */
    static final Credentials NONE = new Credentials(List.of());

    Credentials {
        values = List.copyOf(values);
    }

    static Credentials of(ProviderConfig config) {
        Set<String> forms = new LinkedHashSet<>();
        if (config.apiKey().reveal().length() >= MIN_KEY) {
            addForms(forms, config.apiKey().reveal());
        }
        for (String v : config.headers().values()) {
            if (v.length() >= MIN_HEADER) {
                addForms(forms, v);
            }
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Credentials(sorted);
    }

    private static void addForms(Set<String> forms, String v) {
        forms.add(v);
        forms.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Never the values: a record's default toString would print them into any log line that names this. */
    @Override
    public String toString() {
        return "Credentials[" + values.size() + " forms]";
    }

    /** The text with every credential value (in any of its forms) replaced by {@link #PLACEHOLDER}. */
    String mask(String text) {
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, PLACEHOLDER);
            }
        }
        return out;
    }
}
