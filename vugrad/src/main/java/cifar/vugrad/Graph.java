package cifar.vugrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walks the graph below a node without recursion, so a chain of 100,000 ops needs no deeper
 * stack than a chain of three (vugrad recurses, which Python and Java both cap).
 */
final class Graph {
  /**
   * Each walk gets a new number and stamps the op nodes it reaches with it, so "seen before?" is
   * one comparison instead of a hash-set lookup (this runs three times per training batch).
   * Atomic, so that separate graphs may be walked on separate threads (one graph is never used
   * by two threads at once).
   */
  private static final AtomicLong WALKS = new AtomicLong();

  private Graph() {}

  /**
   * The ops that produced {@code root}, each listed before every op that made one of its inputs.
   *
   * <p>That is the order backward needs: an op may only pass gradients down once all the ops
   * that used its outputs have added theirs (the multivariate chain rule sums over all uses). It
   * is a depth-first post-order over producers (inputs' ops first), read from the end.
   */
  static List<OpNode> backwardOrder(TensorNode root) {
    long walk = WALKS.incrementAndGet();
    List<OpNode> postOrder = new ArrayList<>();
    // The path from the root down to the op being looked at, and for each op on it the next
    // input to look at (plain arrays: a deque of boxed Integers cost more than the walk itself).
    OpNode[] path = new OpNode[16];
    int[] nextInput = new int[16];
    int depth = 0;
    if (root.source() != null) {
      root.source().visit = walk;
      path[0] = root.source();
      depth = 1;
    }
    while (depth > 0) {
      OpNode op = path[depth - 1];
      int i = nextInput[depth - 1];
      TensorNode[] inputs = op.inputArray();
      if (i < inputs.length) {
        nextInput[depth - 1] = i + 1;
        OpNode producer = inputs[i].source();
        if (producer != null && producer.visit != walk) {
          producer.visit = walk;
          if (depth == path.length) {
            path = Arrays.copyOf(path, 2 * depth);
            nextInput = Arrays.copyOf(nextInput, 2 * depth);
          }
          path[depth] = producer;
          nextInput[depth] = 0;
          depth++;
        }
      } else {
        depth--;
        postOrder.add(op);
      }
    }
    Collections.reverse(postOrder);
    return postOrder;
  }
}
