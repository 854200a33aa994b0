package cifar.model;

import cifar.config.ActivationFunction;

/**
 * One layer of the blitz net, in forward order ({@link BlitzNet#layers}). {@link BlitzNet#build}
 * makes one DJL block per layer from this list, and the training loop's direct forward
 * ({@code cifar.training.DirectForward}) runs the same list as libtorch calls, so the two can
 * never describe different networks.
 *
 * <p>Each reads the list through a {@link Visitor}: one method per kind of layer, so a kind
 * added here is a compile error in every reader until each says what it does with it.
 */
public sealed interface Layer {
  /** What {@code visitor} makes of this layer. */
  <R> R accept(Visitor<R> visitor);

  /** A reading of the layers: one method per kind, each given the layer. */
  interface Visitor<R> {
    R conv(Conv layer);

    R maxPool(MaxPool layer);

    R flatten(Flatten layer);

    R dense(Dense layer);

    R nonlinearity(Nonlinearity layer);

    R dropout(Dropout layer);
  }

  /** A {@code kernel}×{@code kernel} convolution to {@code filters} channels: stride 1, no padding, with bias. */
  record Conv(int filters, int kernel) implements Layer {
    @Override public <R> R accept(Visitor<R> visitor) { return visitor.conv(this); }
  }

  /** 2×2 max pooling with stride 2. */
  record MaxPool() implements Layer {
    @Override public <R> R accept(Visitor<R> visitor) { return visitor.maxPool(this); }
  }

  /** Each image's feature maps as one row: (N, C, H, W) to (N, C·H·W). */
  record Flatten() implements Layer {
    @Override public <R> R accept(Visitor<R> visitor) { return visitor.flatten(this); }
  }

  /** A fully connected layer to {@code units} outputs, with bias. */
  record Dense(int units) implements Layer {
    @Override public <R> R accept(Visitor<R> visitor) { return visitor.dense(this); }
  }

  /** An element-wise non-linearity, one of the {@link ActivationFunction}s. */
  record Nonlinearity(ActivationFunction function) implements Layer {
    @Override public <R> R accept(Visitor<R> visitor) { return visitor.nonlinearity(this); }
  }

  /** Dropout with probability {@code rate}, drawn by {@link SeededDropout} (training only). */
  record Dropout(double rate) implements Layer {
    @Override public <R> R accept(Visitor<R> visitor) { return visitor.dropout(this); }
  }
}
