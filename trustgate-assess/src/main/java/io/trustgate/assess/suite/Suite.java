package io.trustgate.assess.suite;

import io.trustgate.api.evidence.EvidenceKind;
import java.nio.file.Path;
import java.util.List;

/** A set of prompts and the way to grade them, loaded from the datasets folder (or a user's file). */
public interface Suite {
    /** The name used on the command line, e.g. {@code gsm8k}. */
    String name();

    /** One line: what it measures. */
    String description();

    /** Where its data comes from, with licence. */
    String source();

    /** What it cannot tell. */
    String limits();

    /** The kind of evidence its results are. */
    EvidenceKind kind();

    /**
     * All samples, in a deterministic order in which the categories alternate, so that a run with a small limit
     * still covers them. Throws {@link SuiteDataException} when the files are missing or malformed.
     */
    List<Sample> load(Path datasets);
}
