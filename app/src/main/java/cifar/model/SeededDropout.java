package cifar.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dropout as {@code torch.nn.Dropout} does it (in training each value is zeroed with probability
 * p and the others are scaled by 1/(1−p); in evaluation it passes values through), with masks
 * drawn from the run's own generator instead of libtorch's process-wide one.
 *
 * <p>Why not DJL's {@code Dropout}: it calls {@code torch::dropout}, which draws from libtorch's
 * single default generator. A sweep trains several runs in one process at once, and each run
 * seeds that generator when it starts, so a dropout run's masks depended on when the runs beside
 * it started: the same config and seed gave 61.8 % in one sweep and 61.9 % in another. Masks
 * drawn here from a {@link SplittableRandom} seeded by the run are the same whatever trains
 * alongside, and on any device. A mask costs one small host-to-device copy per step.
 */
public final class SeededDropout extends AbstractBlock {
  private static final byte VERSION = 1;

  private final float rate;
  private final SplittableRandom random;
  private long drawn;

  /**
   * @param rate the probability p of zeroing a value, 0 &lt;= p &lt; 1
   * @param random where the masks come from; this block draws from it on every training forward
   */
  public SeededDropout(double rate, SplittableRandom random) {
    super(VERSION);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate " + rate + " must be in [0, 1)");
    }
    this.rate = (float) rate;
    this.random = random;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return training ? new NDList(drop(inputs.singletonOrThrow())) : inputs;
  }

  /**
   * The training-mode forward on one array: {@code x} times a fresh mask of zeros (probability
   * p) and 1/(1−p) elsewhere. Each call draws the next mask from the generator.
   */
  public NDArray drop(NDArray x) {
    if (rate == 0) {
      return x;
    }
    float[] mask = new float[Math.toIntExact(x.size())];
    draw(mask, 0, mask.length);
    return x.mul(x.getManager().create(mask, x.getShape()));
  }

  /**
   * Draws the next mask of {@code length} values into {@code mask} from index {@code from}: the
   * values {@link #drop} would multiply an array of that size by, in its order. Models trained
   * together as one stack each draw their part of one mask this way, so each gets the masks it
   * would get alone.
   */
  public void draw(float[] mask, int from, int length) {
    if (rate == 0) {
      Arrays.fill(mask, from, from + length, 1f);
      return;
    }
    float keepScale = 1 / (1 - rate);
    for (int i = from; i < from + length; i++) {
      mask[i] = random.nextFloat() < rate ? 0f : keepScale;
    }
    drawn += length;
  }

  /**
   * How many values this layer has drawn from its generator: with the generator's seed, its
   * whole state, which a checkpoint records instead of the generator's private fields.
   */
  public long drawn() {
    return drawn;
  }

  /**
   * Moves the generator on by {@code draws} values, to where a run that drew that many masks
   * left it (resuming from a checkpoint). Each mask value is one {@code nextFloat}, which always
   * takes one step of the generator, so the count is the position.
   */
  public void skip(long draws) {
    for (long i = 0; i < draws; i++) {
      random.nextFloat();
    }
    drawn += draws;
  }

  /** The dropout layers of {@code net}, in block order. */
  public static List<SeededDropout> in(Block net) {
    List<SeededDropout> out = new ArrayList<>();
    for (Block b : net.getChildren().values()) {
      if (b instanceof SeededDropout d) {
        out.add(d);
      }
      out.addAll(in(b));
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  public String toString() {
    return "SeededDropout(p=" + rate + ")";
  }
}
