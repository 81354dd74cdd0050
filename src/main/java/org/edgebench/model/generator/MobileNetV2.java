package org.edgebench.model.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MobileNetV2 (width 1.0, torchvision's layout) as data, and its ONNX graph with seeded
 * weights: either float32 with batch norms folded, as {@code torch.onnx.export} writes it after
 * constant folding, or statically quantized to int8 in QDQ form, as ONNX Runtime's
 * {@code quantize_static(..., quant_format=QDQ, per_channel=True)} writes it.
 *
 * @param imageSize height and width of the square NCHW input
 * @param classes outputs of the linear head
 * @param int8 whether to write the QDQ int8 graph instead of the float32 one
 */
record MobileNetV2(int imageSize, int classes, boolean int8) {

    /** The weights' seed; changing it changes every generated model (and their checksums). */
    static final long SEED = 42L;

    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String BATCH = "batch_size";
    static final long OPSET = 17;
    /** IR version 8 is the one that goes with opset 17 (ONNX 1.12), what torch exports. */
    static final long IR_VERSION = 8;

    /** The shared Clip bounds of every ReLU6 in the float32 graph. */
    private static final String RELU6_MIN = "relu6.min";
    private static final String RELU6_MAX = "relu6.max";

    private static final int STEM_CHANNELS = 32;
    private static final int LAST_CHANNELS = 1280;

    /** One row of the paper's table: expansion t, output channels c, repeats n, first stride s. */
    record Setting(int t, int c, int n, int s) {}

    static final List<Setting> SETTINGS = List.of(
            new Setting(1, 16, 1, 1),
            new Setting(6, 24, 2, 2),
            new Setting(6, 32, 3, 2),
            new Setting(6, 64, 4, 2),
            new Setting(6, 96, 3, 1),
            new Setting(6, 160, 3, 2),
            new Setting(6, 320, 1, 1));

    /** A convolution with its folded bias, padded to keep the size at stride 1. */
    record ConvLayer(String name, int in, int out, int kernel, int stride, int groups,
            int inputSize, boolean relu6) {

        int outputSize() {
            return (inputSize + 2 * (kernel / 2) - kernel) / stride + 1;
        }

        int fanIn() {
            return in / groups * kernel * kernel;
        }

        long weightCount() {
            return (long) out * fanIn();
        }

        long macs() {
            return weightCount() * outputSize() * outputSize();
        }
    }

    /** Consecutive convolutions, with the block's input added to the result if residual. */
    record Block(String name, List<ConvLayer> convs, boolean residual) {}

    /**
     * The feature extractor, named like torchvision's {@code features.N}: the stem, the 17
     * inverted residual blocks, and the 1x1 convolution to 1280 channels.
     */
    List<Block> features() {
        List<Block> blocks = new ArrayList<>();
        ConvLayer stem = new ConvLayer("features.0", 3, STEM_CHANNELS, 3, 2, 1, imageSize, true);
        blocks.add(new Block(stem.name(), List.of(stem), false));
        int channels = STEM_CHANNELS;
        int size = stem.outputSize();
        for (Setting setting : SETTINGS) {
            for (int i = 0; i < setting.n(); i++) {
                String name = "features." + blocks.size();
                int stride = i == 0 ? setting.s() : 1;
                int hidden = channels * setting.t();
                List<ConvLayer> convs = new ArrayList<>();
                if (setting.t() != 1) {
                    convs.add(new ConvLayer(name + ".expand", channels, hidden, 1, 1, 1, size, true));
                }
                ConvLayer depthwise = new ConvLayer(
                        name + ".depthwise", hidden, hidden, 3, stride, hidden, size, true);
                convs.add(depthwise);
                size = depthwise.outputSize();
                convs.add(new ConvLayer(name + ".project", hidden, setting.c(), 1, 1, 1, size, false));
                blocks.add(new Block(name, List.copyOf(convs), stride == 1 && channels == setting.c()));
                channels = setting.c();
            }
        }
        ConvLayer last = new ConvLayer(
                "features." + blocks.size(), channels, LAST_CHANNELS, 1, 1, 1, size, true);
        blocks.add(new Block(last.name(), List.of(last), false));
        return List.copyOf(blocks);
    }

    ModelStats stats() {
        long parameters = 0;
        long batchNormChannels = 0;
        long macs = 0;
        for (Block block : features()) {
            for (ConvLayer conv : block.convs()) {
                parameters += conv.weightCount() + conv.out();
                batchNormChannels += conv.out();
                macs += conv.macs();
            }
        }
        long head = (long) LAST_CHANNELS * classes;
        parameters += head + classes;
        return new ModelStats(parameters, parameters + batchNormChannels, macs + head);
    }

    /** The serialized ONNX model. */
    byte[] toOnnx(String graphName, String docString) {
        return new Writer(graphName).write(docString);
    }

    /**
     * The fixed quantization range of each kind of activation (a calibration run would measure
     * them; latency does not depend on them, only on the data types).
     */
    enum Range {
        /** The image, expected roughly normalized: [-2.56, 2.54]. */
        INPUT(0.02f, 128),
        /** After ReLU6: uint8 over exactly [0, 6], so the quantization itself is the clip. */
        RELU6(6f / 255f, 0),
        /** Linear projections and residual sums: [-8, 7.94]. */
        LINEAR(1f / 16f, 128);

        final float scale;
        final int zeroPoint;

        Range(float scale, int zeroPoint) {
            this.scale = scale;
            this.zeroPoint = zeroPoint;
        }

        String scaleName() {
            return "quant." + name().toLowerCase(Locale.ROOT) + ".scale";
        }

        String zeroPointName() {
            return "quant." + name().toLowerCase(Locale.ROOT) + ".zero_point";
        }
    }

    /** A float tensor of the graph and, for the int8 graph, the range it was quantized to. */
    private record Activation(String name, Range range) {}

    /** The tensors a layer reads as its weight and bias. */
    private record Parameters(String weight, String bias) {}

    /** Emits the graph; weights are drawn in layer order from one seeded generator. */
    private final class Writer {
        private final OnnxGraphBuilder graph;
        private final SplittableRandom random = new SplittableRandom(SEED);

        Writer(String graphName) {
            graph = new OnnxGraphBuilder(graphName);
        }

        byte[] write(String docString) {
            graph.input(INPUT, OnnxGraphBuilder.FLOAT, BATCH, 3, imageSize, imageSize);
            graph.output(OUTPUT, OnnxGraphBuilder.FLOAT, BATCH, classes);
            if (int8) {
                for (Range range : Range.values()) {
                    graph.scalar(range.scaleName(), range.scale);
                    graph.uint8Scalar(range.zeroPointName(), range.zeroPoint);
                }
            } else {
                graph.scalar(RELU6_MIN, 0f);
                graph.scalar(RELU6_MAX, 6f);
            }
            Activation x = new Activation(INPUT, Range.INPUT);
            if (int8) {
                x = quantize(x.name(), "input", Range.INPUT);
            }
            for (Block block : features()) {
                Activation blockInput = x;
                for (ConvLayer conv : block.convs()) {
                    x = conv(conv, x);
                }
                if (block.residual()) {
                    String add = block.name() + "/Add";
                    String sum = graph.node("Add", add, blockInput.name(), x.name()).output();
                    x = int8 ? quantize(sum, add, Range.LINEAR) : new Activation(sum, Range.LINEAR);
                }
            }
            head(x);
            return graph.toModelBytes("edgebench", docString, OPSET, IR_VERSION);
        }

        /**
         * A convolution with its folded bias, then ReLU6 if the layer has one. In the int8 graph
         * the output is quantized instead of clipped, which is how ONNX Runtime's quantizer
         * writes it: it removes the Clip because the output's uint8 range [0, 6] clamps exactly
         * as Clip(0, 6) would. DequantizeLinear on the input, weight and bias, Conv, then
         * QuantizeLinear on the output is the pattern ONNX Runtime fuses into QLinearConv.
         */
        private Activation conv(ConvLayer conv, Activation x) {
            float[] weights = weights(conv);
            float[] biases = biases(conv.out());
            Parameters parameters = parameters(conv.name(), weights, biases, x.range(), weightShape(conv));
            int pad = conv.kernel() / 2;
            String y = graph.node("Conv", conv.name() + "/Conv", x.name(), parameters.weight(), parameters.bias())
                    .attr("group", conv.groups())
                    .ints("kernel_shape", conv.kernel(), conv.kernel())
                    .ints("pads", pad, pad, pad, pad)
                    .ints("strides", conv.stride(), conv.stride())
                    .output();
            Range range = conv.relu6() ? Range.RELU6 : Range.LINEAR;
            if (int8) {
                return quantize(y, conv.name(), range);
            }
            if (conv.relu6()) {
                y = graph.node("Clip", conv.name() + "/Clip", y, RELU6_MIN, RELU6_MAX).output();
            }
            return new Activation(y, range);
        }

        /**
         * GlobalAveragePool, Flatten and the linear head (torchvision's
         * {@code classifier.1}). The classifier's Dropout(0.2) is left out: it is an identity at
         * inference and export drops it too.
         */
        private void head(Activation x) {
            // Averages of ReLU6 outputs stay in [0, 6], so they keep the ReLU6 range.
            String pooled = graph.node("GlobalAveragePool", "head/GlobalAveragePool", x.name()).output();
            if (int8) {
                pooled = quantize(pooled, "head/GlobalAveragePool", Range.RELU6).name();
            }
            String flat = graph.node("Flatten", "head/Flatten", pooled).attr("axis", 1L).output();
            if (int8) {
                flat = quantize(flat, "head/Flatten", Range.RELU6).name();
            }
            String name = "classifier.1";
            float[] weights = uniform(LAST_CHANNELS * classes, Math.sqrt(3.0 / LAST_CHANNELS));
            float[] biases = biases(classes);
            Parameters parameters = parameters(name, weights, biases, Range.RELU6, classes, LAST_CHANNELS);
            // The output stays float32, as the quantizer leaves a graph output: QGemm has a float output mode.
            graph.node("Gemm", name + "/Gemm", flat, parameters.weight(), parameters.bias())
                    .attr("alpha", 1f).attr("beta", 1f).attr("transB", 1L)
                    .output(OUTPUT);
        }

        /**
         * Stores a layer's weights and biases and returns the tensors the layer reads. In the int8
         * graph, the weights are int8 with one symmetric scale per output channel (axis 0) and
         * zero points 0, and the biases int32 with scale input scale x weight scale (what
         * QLinearConv and QGemm take, so they are kept exact rather than float), each behind a
         * DequantizeLinear.
         */
        private Parameters parameters(String name, float[] weights, float[] biases, Range input, long... shape) {
            int channels = biases.length;
            if (!int8) {
                return new Parameters(graph.floats(name + ".weight", weights, shape),
                        graph.floats(name + ".bias", biases, channels));
            }
            int perChannel = weights.length / channels;
            float[] weightScales = new float[channels];
            float[] biasScales = new float[channels];
            byte[] quantized = new byte[weights.length];
            int[] quantizedBiases = new int[channels];
            for (int c = 0; c < channels; c++) {
                float max = 0f;
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                    max = Math.max(max, Math.abs(weights[i]));
                }
                weightScales[c] = max / 127f;
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                    quantized[i] = (byte) Math.max(-127, Math.min(127, Math.round(weights[i] / weightScales[c])));
                }
                biasScales[c] = input.scale * weightScales[c];
                quantizedBiases[c] = Math.round(biases[c] / biasScales[c]);
            }
            String weight = dequantize(name + ".weight",
                    graph.int8s(name + ".weight_quantized", quantized, shape),
                    graph.floats(name + ".weight_scale", weightScales, channels),
                    graph.int8s(name + ".weight_zero_point", new byte[channels], channels));
            String bias = dequantize(name + ".bias",
                    graph.int32s(name + ".bias_quantized", quantizedBiases, channels),
                    graph.floats(name + ".bias_scale", biasScales, channels),
                    graph.int32s(name + ".bias_zero_point", new int[channels], channels));
            return new Parameters(weight, bias);
        }

        private String dequantize(String name, String quantized, String scale, String zeroPoint) {
            return graph.node("DequantizeLinear", name + "/DequantizeLinear", quantized, scale, zeroPoint)
                    .attr("axis", 0L)
                    .output(name + "_dequantized");
        }

        /** QuantizeLinear then DequantizeLinear: the fake-quantized activation consumers read. */
        private Activation quantize(String tensor, String prefix, Range range) {
            String q = graph.node("QuantizeLinear", prefix + "/QuantizeLinear",
                    tensor, range.scaleName(), range.zeroPointName()).output();
            String dq = graph.node("DequantizeLinear", prefix + "/DequantizeLinear",
                    q, range.scaleName(), range.zeroPointName()).output();
            return new Activation(dq, range);
        }

        /**
         * He-style uniform weights, variance 2 / fan-in before a ReLU6 and 1 / fan-in before a
         * linear output, so activations keep their scale through the depth instead of
         * saturating or vanishing.
         */
        private float[] weights(ConvLayer conv) {
            double gain = conv.relu6() ? 2.0 : 1.0;
            return uniform(Math.toIntExact(conv.weightCount()), Math.sqrt(3.0 * gain / conv.fanIn()));
        }

        private float[] biases(int count) {
            return uniform(count, 0.05);
        }

        /** U(-bound, bound); nextDouble and the arithmetic here are exact across JVMs. */
        private float[] uniform(int count, double bound) {
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = (float) ((2.0 * random.nextDouble() - 1.0) * bound);
            }
            return values;
        }

        private long[] weightShape(ConvLayer conv) {
            return new long[] {conv.out(), conv.in() / conv.groups(), conv.kernel(), conv.kernel()};
        }
    }
}
