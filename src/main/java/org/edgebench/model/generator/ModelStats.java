package org.edgebench.model.generator;

/**
 * Size and cost of a generated model at batch size 1.
 *
 * @param parameters weights and biases stored in the ONNX file (batch norms folded into the
 *     convolutions, so each convolution has one bias value per output channel)
 * @param pytorchParameters the same network's count before folding, as torchvision's
 *     {@code sum(p.numel() for p in model.parameters())} reports it: each batch norm has a
 *     scale and a shift per channel where the folded convolution has one bias
 * @param macs multiply-accumulates of the convolutions and the final Gemm for one image
 *     (FLOPs are about twice this); element-wise adds, clips and pooling are not counted
 */
public record ModelStats(long parameters, long pytorchParameters, long macs) {}
