package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import cifar.model.Layer;
import cifar.model.SeededDropout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The stacked forward pass, layer by layer: what each kind of {@link Layer} is when K members
 * are trained as one model. It is a {@link Layer.Visitor} like {@link DirectForward}, so a new
 * layer kind does not compile until both say what it does. A layer maps a list of arrays: up
 * to the flatten, K arrays, member i's (B, C, H, W) in place i; from the flatten on, one array
 * (K, B, F), member first:
 *
 * <ul>
 *   <li>conv: one convolution per member on its own parameter tensors, as {@link
 *       DirectForward}'s: a grouped convolution (K groups) would be one call, but on the CPU
 *       build it is slower than K calls at batch 4 ({@code BenchMain stack} times both);
 *   <li>max pool, ReLU: per member, as in the single model;
 *   <li>flatten: the K maps stacked and viewed as (K, B, C·H·W);
 *   <li>dense: one batched matrix product and one add for all K; weight (K, in, out), the
 *       members' (out, in) weights transposed, bias (K, 1, out);
 *   <li>fc activations: one call on (K, B, units);
 *   <li>dropout: each member's mask from its own generator ({@link StackedDropout}).
 * </ul>
 *
 * Visiting a conv or dense layer makes its {@link StackedParameter}s from the members' blocks.
 */
final class StackedLayers implements Layer.Visitor<StackedLayers.Op> {
  /** One layer of the stacked forward. */
  @FunctionalInterface
  interface Op {
    /** The layer on {@code x}; dropout only drops when {@code training}. */
    NDList apply(NDList x, boolean training);
  }

  private final List<List<Block>> blocks; // blocks.get(i): member i's blocks, in layer order
  private final List<StackedParameter> parameters = new ArrayList<>();
  private final int k;
  private Layer layer;
  private int index;

  private StackedLayers(List<Block> members) {
    this.blocks = members.stream().map(net -> net.getChildren().values()).toList();
    this.k = members.size();
  }

  /**
   * The stacked forward of {@code plan} (the layers every member was built from) and its
   * parameters, in the members' parameter order (each layer's weight, then its bias); the
   * stacked ones are made with autograd recording off and then set to record gradients.
   */
  static List<Op> build(List<Layer> plan, List<Block> members, List<StackedParameter> into) {
    StackedLayers maker = new StackedLayers(members);
    List<Op> ops = new ArrayList<>();
    boolean wasRecording = Torch.recording(false);
    try {
      for (maker.index = 0; maker.index < plan.size(); maker.index++) {
        maker.layer = plan.get(maker.index);
        ops.add(maker.layer.accept(maker));
      }
    } finally {
      Torch.recording(wasRecording);
    }
    into.addAll(maker.parameters);
    return ops;
  }

  @Override
  public Op conv(Layer.Conv conv) {
    NDArray[] w = own(Conv2d.class, "weight");
    NDArray[] b = own(Conv2d.class, "bias");
    return (x, training) -> {
      NDList out = new NDList(k);
      for (int i = 0; i < k; i++) {
        out.add(Torch.conv2d(x.get(i), w[i], b[i]));
      }
      return out;
    };
  }

  @Override
  public Op dense(Layer.Dense dense) {
    NDArray[] w = members(Linear.class, "weight");
    NDArray[] b = members(Linear.class, "bias");
    for (int i = 0; i < k; i++) {
      w[i] = w[i].transpose(); // (out, in) to (in, out): bmm multiplies by it as it stands
      b[i] = b[i].reshape(1, b[i].size());
    }
    NDArray weight = stacked(Torch.stack(w), (t, i) -> t.get(i).transpose());
    NDArray bias = stacked(Torch.stack(b), (t, i) -> t.get(i).squeeze(0));
    return (x, training) -> new NDList(Torch.batchedLinear(x.singletonOrThrow(), weight, bias));
  }

  @Override
  public Op dropout(Layer.Dropout dropout) {
    List<SeededDropout> each = new ArrayList<>();
    for (List<Block> member : blocks) {
      each.add(DirectForward.expect(member.get(index), SeededDropout.class, layer, index));
    }
    StackedDropout d = new StackedDropout(each);
    return (x, training) -> training ? new NDList(d.drop(x.singletonOrThrow())) : x;
  }

  @Override
  public Op maxPool(Layer.MaxPool pool) {
    return each(Torch::maxPool2x2);
  }

  @Override
  public Op flatten(Layer.Flatten flatten) {
    return (x, training) -> new NDList(Torch.flattenEach(Torch.stack(x.toArray(new NDArray[0]))));
  }

  @Override
  public Op nonlinearity(Layer.Nonlinearity nonlinearity) {
    return each(Torch.nonlinearity(nonlinearity.function()));
  }

  /** {@code f} on every array: the K maps before the flatten, the one (K, B, F) after. */
  private static Op each(UnaryOperator<NDArray> f) {
    return (x, training) -> {
      NDList out = new NDList(x.size());
      for (NDArray a : x) {
        out.add(f.apply(a));
      }
      return out;
    };
  }

  /** The members' own parameter {@code name} of this layer, trained as they are. */
  private NDArray[] own(Class<? extends Block> type, String name) {
    NDArray[] each = members(type, name);
    parameters.add(new StackedParameter(List.of(each), List::get));
    return each;
  }

  private NDArray[] members(Class<? extends Block> type, String name) {
    NDArray[] out = new NDArray[k];
    for (int i = 0; i < k; i++) {
      out[i] = DirectForward.parameter(blocks.get(i).get(index), type, name, layer, index);
    }
    return out;
  }

  /** A new stacked tensor of this layer's parameter; {@code view} reads member i's part. */
  private NDArray stacked(NDArray stacked, BiFunction<NDArray, Integer, NDArray> view) {
    stacked.setRequiresGradient(true);
    parameters.add(new StackedParameter(List.of(stacked), (t, i) -> view.apply(t.get(0), i)));
    return stacked;
  }
}
