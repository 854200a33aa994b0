package cifar.vugrad;

/**
 * Shape checks with messages that name the op and both shapes, so a wiring mistake reads like
 * "Add: shapes differ: (4, 2) and (2, 4)" instead of an index error deep inside a loop.
 */
public final class Shapes {
  private Shapes() {}

  public static void requireSame(String op, Tensor a, Tensor b) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(
          op + ": shapes differ: " + a.show() + " and " + b.show());
    }
  }

  public static void requireRank(String op, Tensor a, int rank) {
    if (a.rank() != rank) {
      throw new IllegalArgumentException(
          op + ": needs " + rank + " axes, got shape " + a.show());
    }
  }

  /** Fails unless {@code condition}; the message gets the op's name in front. */
  public static void require(boolean condition, String op, String message) {
    if (!condition) {
      throw new IllegalArgumentException(op + ": " + message);
    }
  }
}
