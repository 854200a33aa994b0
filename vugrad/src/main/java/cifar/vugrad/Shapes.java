package cifar.vugrad;

import java.util.function.Supplier;

/**
 * Shape checks with messages that name the op and both shapes, so a wiring mistake reads like
 * "Add: shapes differ: (4, 2) and (2, 4)" instead of an index error deep inside a loop.
 */
public final class Shapes {
  private Shapes() {}

  public static void requireSame(Op op, Tensor a, Tensor b) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(
          op.name() + ": shapes differ: " + a.show() + " and " + b.show());
    }
  }

  public static void requireRank(Op op, Tensor a, int rank) {
    requireRank(op::name, a, rank);
  }

  public static void requireRank(Supplier<String> op, Tensor a, int rank) {
    if (a.rank() != rank) {
      throw new IllegalArgumentException(
          op.get() + ": needs " + rank + " axes, got shape " + a.show());
    }
  }

  /**
   * Fails unless {@code condition}; the message gets the op's name in front. The message is only
   * built on failure: these checks run on every op of every batch.
   */
  public static void require(boolean condition, Supplier<String> op, Supplier<String> message) {
    if (!condition) {
      throw new IllegalArgumentException(op.get() + ": " + message.get());
    }
  }
}
