package cifar.vugrad;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    Deque<OpNode> stack = new ArrayDeque<>();
    Deque<Integer> nextInput = new ArrayDeque<>();
    if (root.source() != null) {
      root.source().visit = walk;
      stack.push(root.source());
      nextInput.push(0);
    }
    while (!stack.isEmpty()) {
      OpNode op = stack.peek();
      int i = nextInput.pop();
      if (i < op.inputs().size()) {
        nextInput.push(i + 1);
        OpNode producer = op.inputs().get(i).source();
        if (producer != null && producer.visit != walk) {
          producer.visit = walk;
          stack.push(producer);
          nextInput.push(0);
        }
      } else {
        stack.pop();
        postOrder.add(op);
      }
    }
    List<OpNode> order = new ArrayList<>(postOrder.size());
    for (int i = postOrder.size() - 1; i >= 0; i--) {
      order.add(postOrder.get(i));
    }
    return order;
  }
}
