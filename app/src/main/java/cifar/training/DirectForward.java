package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import cifar.model.Layer;
import cifar.model.SeededDropout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The training forward pass of a net {@link BlitzNet#build} made, one libtorch call per layer of
 * {@link BlitzNet#layers}, on the block's own parameter arrays.
 *
 * <p>Why not {@code net.forward(store, input, true)}: DJL's {@code Block.forward} does
 * bookkeeping on every call of every block (it rebuilds the block's parameter list to check that
 * all are initialised, wraps each array in an {@code NDList}, asks the parameter store for each
 * weight). At batch 4 a step is about a millisecond, and that bookkeeping was a visible share of
 * it (docs/benchmarks/JOURNAL.md). The calls here are the ones DJL's blocks end in (convolution, relu,
 * max_pool2d, linear, ...), in the same order on the same arrays, so the numbers are the same to
 * the last bit; a test checks it for every kind of layer.
 *
 * <p>Both training loops use it; evaluation and saving go through the block itself.
 */
final class DirectForward {
  private final List<UnaryOperator<NDArray>> layers = new ArrayList<>();

  /**
   * @param config the config {@code net} was built from
   * @param net a net made by {@link BlitzNet#build} from {@code config}
   * @throws IllegalArgumentException when {@code net}'s blocks are not the layers of {@code config}
   */
  DirectForward(RunConfig config, Block net) {
    List<Layer> plan = BlitzNet.layers(config);
    List<Block> blocks = net.getChildren().values();
    if (plan.size() != blocks.size()) {
      throw new IllegalArgumentException("the net has " + blocks.size() + " blocks, but config "
          + config + " has " + plan.size() + " layers");
    }
    for (int i = 0; i < plan.size(); i++) {
      layers.add(op(plan.get(i), blocks.get(i), i));
    }
  }

  /** Logits of a batch of normalised images, recorded for autograd when recording is on. */
  NDArray apply(NDArray images) {
    NDArray x = images;
    for (UnaryOperator<NDArray> layer : layers) {
      x = layer.apply(x);
    }
    return x;
  }

  private static UnaryOperator<NDArray> op(Layer layer, Block block, int index) {
    return layer.accept(new Layer.Visitor<UnaryOperator<NDArray>>() {
      @Override
      public UnaryOperator<NDArray> conv(Layer.Conv conv) {
        NDArray w = parameter(block, Conv2d.class, "weight", layer, index);
        NDArray b = parameter(block, Conv2d.class, "bias", layer, index);
        return x -> Torch.conv2d(x, w, b);
      }

      @Override
      public UnaryOperator<NDArray> dense(Layer.Dense dense) {
        NDArray w = parameter(block, Linear.class, "weight", layer, index);
        NDArray b = parameter(block, Linear.class, "bias", layer, index);
        return x -> Torch.linear(x, w, b);
      }

      @Override
      public UnaryOperator<NDArray> dropout(Layer.Dropout dropout) {
        return expect(block, SeededDropout.class, layer, index)::drop;
      }

      @Override
      public UnaryOperator<NDArray> maxPool(Layer.MaxPool pool) {
        return Torch::maxPool2x2;
      }

      @Override
      public UnaryOperator<NDArray> flatten(Layer.Flatten flatten) {
        return Torch::flatten;
      }

      @Override
      public UnaryOperator<NDArray> nonlinearity(Layer.Nonlinearity nonlinearity) {
        return Torch.nonlinearity(nonlinearity.function());
      }
    });
  }

  /** The array of parameter {@code name} of block {@code index}, which must be a {@code type}. */
  static NDArray parameter(Block block, Class<? extends Block> type, String name,
      Layer layer, int index) {
    return expect(block, type, layer, index).getParameters().get(name).getArray();
  }

  /** Block {@code index} as the {@code type} that layer {@code index} needs. */
  static <T extends Block> T expect(Block block, Class<T> type, Layer layer, int index) {
    if (!type.isInstance(block)) {
      throw new IllegalArgumentException("layer " + index + " is " + layer + " but the net's block "
          + index + " is " + block.getClass().getSimpleName());
    }
    return type.cast(block);
  }
}
