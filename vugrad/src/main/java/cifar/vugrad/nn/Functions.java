package cifar.vugrad.nn;

import cifar.vugrad.TensorNode;
import cifar.vugrad.ops.Exp;
import cifar.vugrad.ops.Expand;
import cifar.vugrad.ops.Log;
import cifar.vugrad.ops.Normalize;
import cifar.vugrad.ops.RowMax;
import cifar.vugrad.ops.RowSum;
import cifar.vugrad.ops.Select;
import cifar.vugrad.ops.Sum;
import cifar.vugrad.ops.Unsqueeze;

/**
 * Functions built from ops. They have no backward of their own: by only calling ops they build
 * the graph, and the ops' backwards give their gradients.
 */
public final class Functions {
  private Functions() {}

  /** Row-wise softmax: exponentiate, then normalise each row (vugrad's version; see logsoftmax). */
  public static TensorNode softmax(TensorNode x) {
    return Normalize.OP.apply(Exp.OP.apply(x));
  }

  /**
   * Row-wise log(softmax(x)), computed stably with the log-sum-exp trick:
   * log softmax(x)_j = (x_j − m) − log Σ_k e^(x_k − m), with m the row maximum. Subtracting m
   * changes nothing mathematically but keeps every exponent ≤ 0, so nothing overflows and the
   * largest term is exactly 1, so the log never sees 0.
   */
  public static TensorNode logsoftmax(TensorNode x) {
    int cols = x.value().size(1);
    TensorNode shifted = x.minus(perRow(RowMax.OP.apply(x), cols));
    TensorNode logSumExp = Log.OP.apply(RowSum.OP.apply(Exp.OP.apply(shifted)));
    return shifted.minus(perRow(logSumExp, cols));
  }

  /** Cross-entropy from probabilities: −Σ_i log p_i,t_i (a sum over the batch, as vugrad). */
  public static TensorNode celoss(TensorNode probabilities, int[] targets) {
    return logceloss(Log.OP.apply(probabilities), targets);
  }

  /** Cross-entropy from log-probabilities: −Σ_i logp_i,t_i. */
  public static TensorNode logceloss(TensorNode logProbabilities, int[] targets) {
    TensorNode perInstance = new Select(targets).apply(logProbabilities);
    return Sum.OP.apply(perInstance).times(-1.0);
  }

  /** Turns one number per row, shape (n,), into an (n, cols) matrix with that number in every column. */
  private static TensorNode perRow(TensorNode v, int cols) {
    return new Expand(1, cols).apply(new Unsqueeze(1).apply(v));
  }
}
