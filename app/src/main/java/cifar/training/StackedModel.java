package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import cifar.model.SeededDropout;
import java.util.ArrayList;
import java.util.List;

/**
 * K runs of one config, differing only in their seed, as one model whose every layer is one
 * kernel for all K ({@link StackedLayers}). Each member is first built as its separate run
 * builds it ({@link BlitzNet#build}, its own seed, so its own init and dropout generators); the
 * stacked parameters start as copies of the members', and {@link #copyToMembers} puts the
 * trained values back, so a member is saved and evaluated as a DJL block like any run.
 *
 * <p>Input: (B, 3K, 32, 32), member i's images in channels 3i..3i+2. Output: logits (K, B, 10).
 * The convs train the members' own parameter tensors (one convolution each); the fc layers train
 * stacked copies ({@link StackedLayers} says why).
 */
final class StackedModel {
  private final List<RunConfig> configs;
  private final List<Block> members;
  private final List<StackedParameter> parameters = new ArrayList<>();
  private final List<StackedLayers.Op> layers;

  private StackedModel(List<RunConfig> configs, List<Block> members) {
    this.configs = List.copyOf(configs);
    this.members = List.copyOf(members);
    this.layers = StackedLayers.build(BlitzNet.layers(configs.get(0)), members, parameters);
  }

  /**
   * Builds each member from its config and stacks them.
   *
   * @throws IllegalArgumentException when the configs are not equal but for the seed
   */
  static StackedModel build(List<RunConfig> configs, NDManager manager) {
    requireOneConfig(configs);
    List<Block> members = new ArrayList<>();
    for (RunConfig c : configs) {
      members.add(BlitzNet.build(c, manager));
    }
    return new StackedModel(configs, members);
  }

  /** @throws IllegalArgumentException unless {@code configs} (one or more) differ only in the seed */
  static void requireOneConfig(List<RunConfig> configs) {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a stack needs at least one run");
    }
    RunConfig first = withoutSeed(configs.get(0));
    for (RunConfig c : configs) {
      if (!withoutSeed(c).equals(first)) {
        throw new IllegalArgumentException("runs stacked together must differ only in their seed: "
            + configs.get(0).toMap() + " and " + c.toMap());
      }
    }
  }

  private static RunConfig withoutSeed(RunConfig c) {
    return c.with(ConfigKey.SEED.key(), 0);
  }

  /** The members' count, K. */
  int size() {
    return members.size();
  }

  List<RunConfig> configs() {
    return configs;
  }

  /** The logits (K, B, 10) of (B, 3K, 32, 32) images; dropout drops only when {@code training}. */
  NDArray forward(NDArray images, boolean training) {
    NDList each = new NDList();
    long channels = images.getShape().get(1) / members.size();
    for (int i = 0; i < members.size(); i++) {
      each.add(Torch.slice(images, 1, i * channels, (i + 1) * channels));
    }
    return forward(each, training);
  }

  /** The logits (K, B, 10) of each member's own (B, 3, 32, 32) images, in member order. */
  NDArray forward(NDList images, boolean training) {
    NDList x = images;
    for (StackedLayers.Op layer : layers) {
      x = layer.apply(x, training);
    }
    return x.singletonOrThrow();
  }

  /** The stacked parameters, each layer's weight then bias, in the members' parameter order. */
  List<StackedParameter> parameters() {
    return parameters;
  }

  /** The stacked parameters' tensors, for the optimizer and checkpoints. */
  List<NDArray> arrays() {
    return parameters.stream().flatMap(p -> p.arrays().stream()).toList();
  }

  /** Member {@code i} as its own net: the values of the last {@link #copyToMembers}. */
  Block member(int i) {
    return members.get(i);
  }

  /** Member {@code i}'s dropout layers, in block order (their generators are its own). */
  List<SeededDropout> dropouts(int i) {
    return SeededDropout.in(members.get(i));
  }

  /** Copies the stacked parameters' values into each member's own net. */
  void copyToMembers() {
    boolean wasRecording = Torch.recording(false);
    try {
      for (int i = 0; i < members.size(); i++) {
        List<NDArray> own = EpochLoop.parametersOf(members.get(i));
        for (int p = 0; p < parameters.size(); p++) {
          NDArray trained = parameters.get(p).of(i);
          if (trained != own.get(p)) { // a conv's parameters are the member's own
            Torch.copyInto(own.get(p), trained);
          }
        }
      }
    } finally {
      Torch.recording(wasRecording);
    }
  }
}
