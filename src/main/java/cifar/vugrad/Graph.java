package cifar.vugrad;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks the graph below a node without recursion, so a chain of 100,000 ops needs no deeper
 * stack than a chain of three (vugrad recurses, which Python and Java both cap).
 */
final class Graph {
  private Graph() {}

  /**
   * The ops that produced {@code root}, each listed before every op that made one of its inputs.
   *
   * <p>That is the order backward needs: an op may only pass gradients down once all the ops
   * that used its outputs have added theirs (the multivariate chain rule sums over all uses). We
   * get it from a depth-first post-order over producers (inputs' ops first), reversed.
   */
  static List<OpNode> backwardOrder(TensorNode root) {
    List<OpNode> postOrder = new ArrayList<>();
    Set<OpNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<OpNode> stack = new ArrayDeque<>();
    Deque<Integer> nextInput = new ArrayDeque<>();
    if (root.source() != null) {
      seen.add(root.source());
      stack.push(root.source());
      nextInput.push(0);
    }
    while (!stack.isEmpty()) {
      OpNode op = stack.peek();
      int i = nextInput.pop();
      if (i < op.inputs().size()) {
        nextInput.push(i + 1);
        OpNode producer = op.inputs().get(i).source();
        if (producer != null && seen.add(producer)) {
          stack.push(producer);
          nextInput.push(0);
        }
      } else {
        stack.pop();
        postOrder.add(op);
      }
    }
    Collections.reverse(postOrder);
    return postOrder;
  }

  /** Every tensor node at or below {@code root}: the root, and every input and output of its ops. */
  static List<TensorNode> nodes(TensorNode root) {
    Set<TensorNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(root);
    for (OpNode op : backwardOrder(root)) {
      seen.addAll(op.inputs());
      seen.addAll(op.outputs());
    }
    return new ArrayList<>(seen);
  }
}
