package io.trustgate.registry.licence;

import java.util.Locale;

/** What a licence makes the licensee do. */
public enum DutyKind {
    /** Show a credit such as "Built with Llama". */
    ATTRIBUTION,
    /** Name derived models in a prescribed way (e.g. starting with "Llama"). */
    NAMING,
    /** Bind downstream users to the licence's use restrictions. */
    PASS_THROUGH_USE_RESTRICTIONS,
    /** Ship a NOTICE file with a prescribed text. */
    NOTICE_FILE,
    /** Give recipients a copy of the licence. */
    LICENCE_COPY,
    /** Mark modified files as modified. */
    MODIFICATION_NOTICE,
    /** Comply with an acceptable-use / prohibited-use policy. */
    ACCEPTABLE_USE_POLICY,
    /** Keep copyright and licence notices (MIT, Apache-2.0). */
    RETAIN_NOTICES;

    public static DutyKind parse(String s, String where) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown duty kind '" + s + "'", e);
        }
    }
}
