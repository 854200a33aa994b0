package cifar.vugrad.study;

/** Mean and standard deviation of a few numbers (population std, numpy's default, ddof = 0). */
public record MeanStd(double mean, double std) {
  public static MeanStd of(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new MeanStd(mean, Math.sqrt(squares / values.length));
  }
}
