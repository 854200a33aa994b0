package cifar.vugrad.nn;

import cifar.vugrad.TensorNode;
import java.util.List;

/**
 * Some parameters plus a function computed from them with ops. A module has a forward but no
 * backward: the ops it calls each have theirs, and the graph does the rest.
 */
public interface Module {
  TensorNode forward(TensorNode input);

  /** The nodes kept between batches and updated by the optimiser. */
  List<TensorNode> parameters();
}
