package cifar.vugrad.study;

import cifar.vugrad.nn.Activation;
import java.util.List;

/**
 * The validation accuracy of every repeat after every epoch, per activation:
 * {@code accuracy[activation][repeat][epoch - 1]}.
 */
public record CompareResult(List<Activation> activations, int repeats, int epochs, double[][][] accuracy) {

  /** Mean and std over the repeats, for one activation after one epoch (1-based). */
  public MeanStd meanStd(int activation, int epoch) {
    double[] values = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      values[r] = accuracy[activation][r][epoch - 1];
    }
    return MeanStd.of(values);
  }
}
