import ai.djl.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import ai.djl.nn.transformer.BertBlock;
import ai.djl.training.*;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.engine.Engine;

/**
 * What a MiniLM-sized transformer (6 layers, 384 wide, 12 heads, 30,522 tokens: all-MiniLM-L6-v2's shape) costs on this
 * machine with DJL's PyTorch engine and libtorch for the CPU, both from Maven Central: one fine-tuning step (Adam,
 * batch B of T tokens, forward and backward) and one forward pass of 1 x T, with random weights and token ids, since
 * only the time is measured. Not part of the build: bench/transformer-cost runs it (see docs/firewall-classifiers.md,
 * "Held-out recall: what has been tried").
 */
public class TransformerCost {
    public static void main(String[] a) throws Exception {
        System.out.println("engine " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        BertBlock bert = BertBlock.builder().setTokenDictionarySize(30522).optEmbeddingSize(384).optTransformerBlockCount(6)
            .optAttentionHeadCount(12).optHiddenSize(1536).optMaxSequenceLength(Integer.parseInt(a[1])).build();
        SequentialBlock net = new SequentialBlock();
        net.add(bert);
        net.add(list -> new NDList(list.get(1)));   // pooled output
        net.add(Linear.builder().setUnits(1).build());
        try (Model model = Model.newInstance("transformer-cost")) {
            model.setBlock(net);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(2e-5f)).build());
            try (ai.djl.training.Trainer tr = model.newTrainer(cfg)) {
                int B = Integer.parseInt(a[0]), T = Integer.parseInt(a[1]);
                tr.initialize(new Shape(B, T), new Shape(B, T), new Shape(B, T));
                NDManager m = tr.getManager();
                for (int step = 0; step < 6; step++) {
                    long t0 = System.nanoTime();
                    try (NDManager sub = m.newSubManager()) {
                        NDArray ids = sub.randomInteger(0, 30522, new Shape(B, T), DataType.INT64);
                        NDArray types = sub.zeros(new Shape(B, T), DataType.INT64);
                        NDArray mask = sub.ones(new Shape(B, T), DataType.INT64);
                        NDArray y = sub.randomInteger(0, 2, new Shape(B, 1), DataType.INT64).toType(DataType.FLOAT32, false);
                        try (GradientCollector gc = tr.newGradientCollector()) {
                            NDList out = tr.forward(new NDList(ids, types, mask));
                            NDArray loss = tr.getLoss().evaluate(new NDList(y), out);
                            gc.backward(loss);
                        }
                        tr.step();
                    }
                    System.out.printf("train step B=%d T=%d: %.0f ms%n", B, T, (System.nanoTime() - t0) / 1e6);
                }
                for (int rep = 0; rep < 6; rep++) {
                    long t0 = System.nanoTime();
                    try (NDManager sub = m.newSubManager()) {
                        NDList in = new NDList(
                                sub.randomInteger(0, 30522, new Shape(1, T), DataType.INT64),
                                sub.zeros(new Shape(1, T), DataType.INT64),
                                sub.ones(new Shape(1, T), DataType.INT64));
                        tr.evaluate(in).get(0).toFloatArray();
                    }
                    if (rep >= 3) { // the first passes warm up
                        System.out.printf("inference T=%d: %.1f ms%n", T, (System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        }
    }
}
