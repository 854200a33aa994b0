package cifar.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Times the two halves of the baseline's batch-4 step on their own, forward and backward, for K
 * members: the convs (conv 5×5 to 6, pool, conv 5×5 to 16, pool) as K separate convolutions
 * against one grouped convolution, and the fc layers (400-120-84-10) as K separate {@code
 * linear}s against batched products, so that it shows which half stacking pays for. In
 * alternating turns, like {@link StackBench}.
 */
public final class StackPartsBench {
  /** Microseconds per step of K members, each way, for one half of the net. */
  public record Result(String part, int members, double separateMicros, double stackedMicros) {}

  private static final Shape ONES = new Shape(1, 1);
  private static final Shape ZEROS = new Shape(0, 0);
  private static final Shape TWOS = new Shape(2, 2);

  private StackPartsBench() {}

  /** Both halves for K members, {@code turns} timed turns of {@code steps} steps each way. */
  public static List<Result> run(int k, int turns, int steps) {
    try (NDManager m = NDManager.newBaseManager()) {
      boolean was = JniUtils.isGradMode();
      JniUtils.setGradMode(true);
      try {
        List<Result> out = new ArrayList<>();
        out.add(time("conv", k, turns, steps, convs(m, k, 1), convs(m, 1, k)));
        out.add(time("fc", k, turns, steps, fcs(m, k, false), fcs(m, 1, true)));
        return out;
      } finally {
        JniUtils.setGradMode(was);
      }
    }
  }

  /** {@code copies} times a conv stack of {@code groups} groups, forward and backward. */
  private static Consumer<NDManager> convs(NDManager m, int copies, int groups) {
    List<Function<NDManager, NDArray>> each = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      NDArray x = m.randomNormal(new Shape(4, 3L * groups, 32, 32));
      NDArray w1 = param(m, new Shape(6L * groups, 3, 5, 5));
      NDArray b1 = param(m, new Shape(6L * groups));
      NDArray w2 = param(m, new Shape(16L * groups, 6, 5, 5));
      NDArray b2 = param(m, new Shape(16L * groups));
      each.add(scope -> pool(conv(pool(conv(in(x, scope), w1, b1, groups)), w2, b2, groups)));
    }
    return scope -> each.forEach(f -> backward(f.apply(scope)));
  }

  /** {@code copies} times the fc layers, as K linear calls or one batched stack of {@code k}. */
  private static Consumer<NDManager> fcs(NDManager m, int k, boolean batched) {
    int[] units = {400, 120, 84, 10};
    List<Function<NDManager, NDArray>> each = new ArrayList<>();
    for (int c = 0; c < (batched ? 1 : k); c++) {
      NDArray x = m.randomNormal(batched ? new Shape(k, 4, 400) : new Shape(4, 400));
      List<NDArray[]> layers = new ArrayList<>();
      for (int l = 0; l + 1 < units.length; l++) {
        layers.add(batched
            ? new NDArray[] {param(m, new Shape(k, units[l], units[l + 1])),
                param(m, new Shape(k, 1, units[l + 1]))}
            : new NDArray[] {param(m, new Shape(units[l + 1], units[l])),
                param(m, new Shape(units[l + 1]))});
      }
      each.add(scope -> {
        PtNDArray h = (PtNDArray) in(x, scope);
        for (NDArray[] wb : layers) {
          h = batched
              ? JniUtils.add(JniUtils.bmm(h, (PtNDArray) wb[0]), (PtNDArray) wb[1])
              : JniUtils.linear(h, (PtNDArray) wb[0], (PtNDArray) wb[1]);
          h = JniUtils.relu(h);
        }
        return h;
      });
    }
    return scope -> each.forEach(f -> backward(f.apply(scope)));
  }

  private static Result time(String part, int k, int turns, int steps,
      Consumer<NDManager> separate, Consumer<NDManager> stacked) {
    long[] nanos = new long[2];
    for (int t = 0; t <= turns; t++) {
      for (int j = 0; j < 2; j++) {
        int which = (t + j) % 2;
        Consumer<NDManager> step = which == 0 ? separate : stacked;
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          try (NDManager scope = NDManager.newBaseManager()) {
            step.accept(scope); // a step's temporaries are freed with it
          }
        }
        if (t > 0) { // the first turn warms up
          nanos[which] += System.nanoTime() - start;
        }
      }
    }
    double per = 1e-3 / ((double) turns * steps);
    return new Result(part, k, nanos[0] * per, nanos[1] * per);
  }

  /** {@code x} as a view in {@code scope}, so that what is computed from it lives there. */
  private static NDArray in(NDArray x, NDManager scope) {
    NDArray view = JniUtils.slice((PtNDArray) x, 0, 0, x.getShape().get(0), 1);
    view.attach(scope);
    return view;
  }

  private static NDArray param(NDManager m, Shape shape) {
    NDArray p = m.randomNormal(shape).mul(0.05f);
    p.setRequiresGradient(true);
    return p;
  }

  private static NDArray conv(NDArray x, NDArray w, NDArray b, int groups) {
    return JniUtils.relu(JniUtils.convolution((PtNDArray) x, (PtNDArray) w, (PtNDArray) b, ONES,
        ZEROS, ONES, groups));
  }

  private static NDArray pool(NDArray x) {
    return JniUtils.maxPool((PtNDArray) x, TWOS, TWOS, ZEROS, false);
  }

  private static void backward(NDArray out) {
    JniUtils.backward((PtNDArray) out, (PtNDArray) out.onesLike(), false, false);
  }
}
