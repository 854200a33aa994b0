package cifar.model;

/**
 * One layer of the blitz net, in forward order ({@link BlitzNet#layers}). {@link BlitzNet#build}
 * makes one DJL block per layer from this list, and the training loop's direct forward
 * ({@code cifar.training.DirectForward}) runs the same list as libtorch calls, so the two can
 * never describe different networks.
 */
public sealed interface Layer {
  /** A {@code kernel}×{@code kernel} convolution to {@code filters} channels: stride 1, no padding, with bias. */
  record Conv(int filters, int kernel) implements Layer {}

  /** 2×2 max pooling with stride 2. */
  record MaxPool() implements Layer {}

  /** Each image's feature maps as one row: (N, C, H, W) to (N, C·H·W). */
  record Flatten() implements Layer {}

  /** A fully connected layer to {@code units} outputs, with bias. */
  record Dense(int units) implements Layer {}

  /** An element-wise non-linearity: {@code relu}, {@code tanh} or {@code sigmoid}. */
  record Activation(String function) implements Layer {}

  /** Dropout with probability {@code rate}, drawn by {@link SeededDropout} (training only). */
  record Dropout(double rate) implements Layer {}
}
