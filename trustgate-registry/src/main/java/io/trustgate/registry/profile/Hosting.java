package io.trustgate.registry.profile;

import java.util.Locale;

/** Where a model can run: on the user's own hardware, or only behind its vendor's API. */
public enum Hosting {
    SELF_HOSTED,
    VENDOR_API;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Hosting parse(String s) {
        for (Hosting h : values()) {
            if (h.key().equals(s)) {
                return h;
            }
        }
        throw new IllegalArgumentException("hosting must be self-hosted or vendor-api, was '" + s + "'");
    }
}
