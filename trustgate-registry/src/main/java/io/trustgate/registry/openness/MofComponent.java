package io.trustgate.registry.openness;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The 17 components of the Model Openness Framework (MOF 1.0, arXiv 2403.13784), with the class that first requires
 * each, its content type (which decides what counts as a type-appropriate licence) and whether the class requires it.
 * Ids and names are those of the Model Openness Tool's {@code mof.settings.yml}.
 */
public enum MofComponent {
    DATASETS(15, "Datasets", ContentType.DATA, 1, true),
    DATA_PREPROCESSING_CODE(16, "Data preprocessing code", ContentType.CODE, 1, true),
    MODEL_ARCHITECTURE(9, "Model architecture", ContentType.CODE, 3, true),
    MODEL_PARAMETERS_FINAL(10, "Model parameters (Final)", ContentType.DATA, 3, true),
    MODEL_METADATA(17, "Model metadata", ContentType.DATA, 1, false),
    MODEL_PARAMETERS_INTERMEDIATE(24, "Model parameters (Intermediate)", ContentType.DATA, 1, true),
    TRAINING_CODE(7, "Training code", ContentType.CODE, 2, true),
    INFERENCE_CODE(8, "Inference code", ContentType.CODE, 2, true),
    EVALUATION_CODE(18, "Evaluation code", ContentType.CODE, 2, true),
    EVALUATION_DATA(19, "Evaluation data", ContentType.DATA, 2, true),
    EVALUATION_RESULTS(12, "Evaluation results", ContentType.DOCUMENT, 3, true),
    SUPPORTING_LIBRARIES_AND_TOOLS(22, "Supporting libraries and tools", ContentType.CODE, 2, false),
    MODEL_CARD(13, "Model card", ContentType.DOCUMENT, 3, true),
    DATA_CARD(14, "Data card", ContentType.DOCUMENT, 3, true),
    TECHNICAL_REPORT(11, "Technical report", ContentType.DOCUMENT, 3, true),
    RESEARCH_PAPER(21, "Research paper", ContentType.DOCUMENT, 1, true),
    SAMPLE_MODEL_OUTPUTS(20, "Sample model outputs", ContentType.DOCUMENT, 3, false);

    /** What a component is, for type-appropriate licences. */
    public enum ContentType {
        CODE,
        DATA,
        DOCUMENT;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int id;
    private final String label;
    private final ContentType type;
    private final int mofClass;
    private final boolean required;

    MofComponent(int id, String label, ContentType type, int mofClass, boolean required) {
        this.id = id;
        this.label = label;
        this.type = type;
        this.mofClass = mofClass;
        this.required = required;
    }

    public int id() {
        return id;
    }

    /** The name as MOF and MOT spell it. */
    public String label() {
        return label;
    }

    public ContentType type() {
        return type;
    }

    /** The class (3, 2 or 1) that first includes the component. */
    public int mofClass() {
        return mofClass;
    }

    public boolean required() {
        return required;
    }

    public static Optional<MofComponent> byName(String name) {
        return Arrays.stream(values()).filter(c -> c.label.equals(name)).findFirst();
    }

    /** Required components first included by this class. */
    static List<MofComponent> required(int cls) {
        return Arrays.stream(values())
                .filter(c -> c.mofClass == cls && c.required)
                .toList();
    }

    static List<MofComponent> optional(int cls) {
        return Arrays.stream(values())
                .filter(c -> c.mofClass == cls && !c.required)
                .toList();
    }
}
