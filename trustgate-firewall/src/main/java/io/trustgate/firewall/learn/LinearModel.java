package io.trustgate.firewall.learn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear text classifier: a featurizer, a weight per feature, and a calibration that maps the linear score to a
 * probability; optionally with a small {@link HiddenLayer} beside the weights (decision 027, not in the shipped
 * models). Immutable and thread-safe; load it once per process.
 *
 * <p>A text is scored in windows of {@link #window()} chars that overlap by half ({@link #stride()} apart), and its
 * score is the highest window's: an injection buried in a long benign document then competes with one window of
 * text, not with all of it. Texts up to one window long are scored whole. A text of several paragraphs also has each
 * paragraph scored alone ({@link #segments}), for the instruction planted as a paragraph of its own.
 *
 * <p><b>File format</b> (gzip of, big-endian): magic {@code TGLM}; int version (1); UTF featurizer name
 * ({@code hashed-ngrams}, {@code +concepts}, {@code +gloss:DIGEST}); int charMin, charMax, wordMax, bucketBits; int window, stride; float intercept, scale,
 * bias, threshold; int count of metadata entries, then that many UTF key and value pairs (sorted by key); int
 * dimension; one IEEE float16 weight per feature. Version 2 then holds a {@link HiddenLayer}: int bits, int units,
 * {@code 2^bits * units} float16 row weights, {@code units} float16 biases, {@code units} float16 output weights. The
 * score of a text is {@code sigmoid(scale * (intercept + w.x + hidden(x)) + bias)}, without {@code hidden(x)} in
 * version 1 (a model without a layer is written as version 1, byte for byte as before the layer existed); {@code
 * threshold} is the score at which the trainer's evaluation measured the figures in the metadata.
 * Weights are rounded to float16 when the model is made, so the model that is evaluated is the one that is saved.
 * Nothing in the file depends on the time or the machine, so training twice gives the same bytes.
 */
public final class LinearModel {
    private static final int MAGIC = 0x54474C4D; // "TGLM"
    /** Version 1: the linear weights only; version 2 adds a {@link HiddenLayer} after them. */
    private static final int VERSION = 1;

    private static final int VERSION_HIDDEN = 2;

    private final HashedNgrams featurizer;
    private final int window;
    private final int stride;
    private final float intercept;
    private final float scale;
    private final float bias;
    private final float threshold;
    private final Map<String, String> metadata;
    private final float[] weights;
    private final Optional<HiddenLayer> hidden;

    /**
     * A model. Weights and numbers are rounded to what the file stores.
     *
     * @param featurizer the features it reads
     * @param window chars per scored window, at least 64
     * @param stride chars between window starts, in {@code [1, window]}
     * @param intercept added to the linear score
     * @param weights one per feature dimension
     * @param scale calibration slope
     * @param bias calibration intercept
     * @param threshold the operating point the figures in the metadata were measured at
     * @param metadata training facts (sources, counts, parameters), no times
     */
    public LinearModel(
            HashedNgrams featurizer,
            int window,
            int stride,
            double intercept,
            float[] weights,
            double scale,
            double bias,
            double threshold,
            Map<String, String> metadata) {
        this(featurizer, window, stride, intercept, weights, scale, bias, threshold, metadata, Optional.empty());
    }

    /**
     * A model with a hidden layer beside its weights (decision 027), or without one.
     *
     * @param hidden the hidden layer, if any
     */
    public LinearModel(
            HashedNgrams featurizer,
            int window,
            int stride,
            double intercept,
            float[] weights,
            double scale,
            double bias,
            double threshold,
            Map<String, String> metadata,
            Optional<HiddenLayer> hidden) {
        this.hidden = Objects.requireNonNull(hidden, "hidden");
        this.featurizer = Objects.requireNonNull(featurizer, "featurizer");
        if (window < 64 || stride < 1 || stride > window) {
            throw new IllegalArgumentException(
                    "need window >= 64 and 1 <= stride <= window, were " + window + ", " + stride);
        }
        if (weights.length != featurizer.dimension()) {
            throw new IllegalArgumentException(
                    "expected " + featurizer.dimension() + " weights, got " + weights.length);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        this.window = window;
        this.stride = stride;
        this.intercept = (float) intercept;
        this.scale = (float) scale;
        this.bias = (float) bias;
        this.threshold = (float) threshold;
        this.metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        this.weights = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = Float.float16ToFloat(Float.floatToFloat16(weights[i]));
        }
    }

    /** This model with another calibration and operating point. */
    public LinearModel withCalibration(double scale, double bias, double threshold, Map<String, String> metadata) {
        return new LinearModel(
                featurizer, window, stride, intercept, weights, scale, bias, threshold, metadata, hidden);
    }

    /** The hidden layer beside the weights, if the model has one (decision 027). */
    public Optional<HiddenLayer> hidden() {
        return hidden;
    }

    public HashedNgrams featurizer() {
        return featurizer;
    }

    public int window() {
        return window;
    }

    public int stride() {
        return stride;
    }

    public double threshold() {
        return threshold;
    }

    public double scale() {
        return scale;
    }

    public double bias() {
        return bias;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The calibrated probability of a (normalised) text: the highest of its windows'. */
    public double score(CharSequence text) {
        return probability(margin(text));
    }

    /**
     * The linear score before calibration, highest over the windows and paragraphs (calibration is monotone, so this
     * commutes).
     */
    public double margin(CharSequence text) {
        HiddenLayer h = hidden.orElse(null);
        double best = featurizer.maxDot(text, segments(text, window, stride), weights, intercept, h);
        String rendered = rendering(featurizer, text);
        if (!rendered.isEmpty()) {
            List<int[]> w = Arrays.asList(windows(rendered.length(), window, stride));
            best = Math.max(best, featurizer.maxDot(rendered, w, weights, intercept, h));
        }
        return best;
    }

    /**
     * A featurizer with glosses also reads a text said in their English ({@link Gloss#render}), in windows counted as
     * the text's own; empty without glosses or when the text has too few glossed words.
     */
    public static String rendering(HashedNgrams featurizer, CharSequence text) {
        return featurizer.gloss() ? Gloss.render(text) : "";
    }

    /** The score before calibration of one feature vector: linear, plus the hidden layer's part when there is one. */
    public double margin(Featurizer.Vector x) {
        double z = intercept;
        int[] idx = x.indices();
        float[] val = x.values();
        for (int k = 0; k < idx.length; k++) {
            z += weights[idx[k]] * val[k];
        }
        return hidden.isPresent() ? z + hidden.get().score(x) : z;
    }

    /** The calibrated probability of a linear score. */
    public double probability(double margin) {
        return sigmoid(scale * margin + bias);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The windows a text of this length is scored in, as {@code [start, end)} pairs: one when it fits, otherwise
     * windows {@code stride} apart with the last one ending at the end of the text.
     */
    public static int[][] windows(int length, int window, int stride) {
        if (length <= window) {
            return new int[][] {{0, length}};
        }
        int n = (length - window + stride - 1) / stride + 1;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            int start = Math.min(i * stride, length - window);
            out[i] = new int[] {start, start + window};
        }
        return out;
    }

    /** Paragraphs shorter than this are not scored on their own (too little text to say anything). */
    public static final int MIN_PARAGRAPH = 40;

    /**
     * What a text is scored on: its {@link #windows}, and, when it has several paragraphs (separated by a blank
     * line), each paragraph of {@value #MIN_PARAGRAPH} chars up to one window on its own, so that an instruction
     * planted as its own paragraph in an email or a page is scored without the text around it.
     */
    public static List<int[]> segments(CharSequence text, int window, int stride) {
        List<int[]> out = new ArrayList<>(Arrays.asList(windows(text.length(), window, stride)));
        out.addAll(paragraphs(text, window));
        return out;
    }

    /** The paragraphs of {@link #segments}: empty when the text is one paragraph. */
    public static List<int[]> paragraphs(CharSequence text, int window) {
        List<int[]> out = new ArrayList<>();
        int len = text.length();
        int start = 0;
        int i = 0;
        while (i < len) {
            if (text.charAt(i) == '\n') {
                int j = i + 1;
                while (j < len && text.charAt(j) != '\n' && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                if (j < len && text.charAt(j) == '\n') {
                    addParagraph(out, text, start, i, window);
                    while (j < len && Character.isWhitespace(text.charAt(j))) {
                        j++;
                    }
                    start = j;
                    i = j;
                    continue;
                }
            }
            i++;
        }
        if (out.isEmpty()) {
            return out; // one paragraph: the windows cover it
        }
        addParagraph(out, text, start, len, window);
        return out;
    }

    private static void addParagraph(List<int[]> out, CharSequence text, int start, int end, int window) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e - s >= MIN_PARAGRAPH && e - s <= window) {
            out.add(new int[] {s, e});
        }
    }

    private static final String GLOSS = "+gloss:";

    /**
     * The featurizer's name in the file: {@code hashed-ngrams}, then {@code +concepts} and {@code +gloss:DIGEST} (the
     * glossary the weights were trained with) when they are on.
     */
    private static String kind(HashedNgrams f) {
        return "hashed-ngrams" + (f.concepts() ? "+concepts" : "") + (f.gloss() ? GLOSS + Gloss.digest() : "");
    }

    /** Writes the model in the file format above. */
    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(gz);
        d.writeInt(MAGIC);
        d.writeInt(hidden.isPresent() ? VERSION_HIDDEN : VERSION);
        d.writeUTF(kind(featurizer));
        d.writeInt(featurizer.charMin());
        d.writeInt(featurizer.charMax());
        d.writeInt(featurizer.wordMax());
        d.writeInt(featurizer.bucketBits());
        d.writeInt(window);
        d.writeInt(stride);
        d.writeFloat(intercept);
        d.writeFloat(scale);
        d.writeFloat(bias);
        d.writeFloat(threshold);
        d.writeInt(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            d.writeUTF(e.getKey());
            d.writeUTF(e.getValue());
        }
        d.writeInt(weights.length);
        for (float w : weights) {
            d.writeShort(Float.floatToFloat16(w));
        }
        if (hidden.isPresent()) {
            HiddenLayer h = hidden.get();
            d.writeInt(h.bits());
            d.writeInt(h.units());
            for (int i = 0; i < h.rowCount(); i++) {
                d.writeShort(Float.floatToFloat16(h.row(i)));
            }
            for (int j = 0; j < h.units(); j++) {
                d.writeShort(Float.floatToFloat16(h.bias(j)));
            }
            for (int j = 0; j < h.units(); j++) {
                d.writeShort(Float.floatToFloat16(h.out(j)));
            }
        }
        d.flush();
        gz.finish();
    }

    /** The model as the bytes of its file. */
    public byte[] toBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Reads a model written by {@link #write}. */
    public static LinearModel read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new GZIPInputStream(in, 1 << 16));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a Trustgate linear model (bad magic)");
        }
        int version = d.readInt();
        if (version != VERSION && version != VERSION_HIDDEN) {
            throw new IOException("unsupported model version " + version + ", this build reads " + VERSION + " and "
                    + VERSION_HIDDEN);
        }
        String kind = d.readUTF();
        boolean concepts = kind.startsWith("hashed-ngrams+concepts");
        boolean gloss = kind.startsWith(GLOSS, concepts ? "hashed-ngrams+concepts".length() : "hashed-ngrams".length());
        if (!kind.equals("hashed-ngrams")
                && !kind.equals("hashed-ngrams+concepts")
                && !(gloss && kind.endsWith(GLOSS + Gloss.digest()))) {
            if (gloss) {
                throw new IOException("the model was trained with another glossary (" + kind + "), this build has "
                        + Gloss.digest() + ": retrain it (trustgate train)");
            }
            throw new IOException("unknown featurizer '" + kind + "'");
        }
        HashedNgrams f = new HashedNgrams(d.readInt(), d.readInt(), d.readInt(), d.readInt(), concepts, gloss);
        int window = d.readInt();
        int stride = d.readInt();
        float intercept = d.readFloat();
        float scale = d.readFloat();
        float bias = d.readFloat();
        float threshold = d.readFloat();
        int n = d.readInt();
        if (n < 0 || n > 10_000) {
            throw new IOException("bad metadata count " + n);
        }
        Map<String, String> meta = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            meta.put(d.readUTF(), d.readUTF());
        }
        int dim = d.readInt();
        if (dim != f.dimension()) {
            throw new IOException("weights for " + dim + " features, featurizer has " + f.dimension());
        }
        float[] w = new float[dim];
        for (int i = 0; i < dim; i++) {
            w[i] = Float.float16ToFloat(d.readShort());
        }
        Optional<HiddenLayer> hidden = Optional.empty();
        if (version == VERSION_HIDDEN) {
            int bits = d.readInt();
            int units = d.readInt();
            if (bits < 8 || bits > 24 || units < 1 || units > 64) {
                throw new IOException("bad hidden layer: 2^" + bits + " rows, " + units + " units");
            }
            float[] rows = halfs(d, (1 << bits) * units);
            float[] hb = halfs(d, units);
            float[] out = halfs(d, units);
            hidden = Optional.of(new HiddenLayer(bits, units, rows, hb, out));
        }
        return new LinearModel(f, window, stride, intercept, w, scale, bias, threshold, meta, hidden);
    }

    private static float[] halfs(DataInputStream d, int n) throws IOException {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.float16ToFloat(d.readShort());
        }
        return a;
    }

    /**
     * Loads a model from the classpath, failing loudly: a missing or corrupt resource is a build error, not a reason
     * to let every prompt through.
     */
    public static LinearModel fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource not found: " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + resource, e);
        }
    }

    @Override
    public String toString() {
        return "LinearModel[" + featurizer + ", window=" + window + ", threshold=" + threshold
                + hidden.map(h -> ", " + h).orElse("") + "]";
    }
}
