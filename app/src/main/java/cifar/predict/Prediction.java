package cifar.predict;

import cifar.data.CifarSplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The k most likely classes of one image, most likely first.
 *
 * @param file the image file
 * @param top the classes with their probabilities (softmax of the logits)
 */
public record Prediction(String file, List<Ranked> top) {
  /**
   * One class and how likely the network finds it.
   *
   * @param className the CIFAR-10 class name, e.g. "cat"
   * @param probability 0..1
   */
  public record Ranked(String className, double probability) {}

  public Prediction {
    top = List.copyOf(top);
  }

  /**
   * The top {@code k} of an image's logits. Ranked by logit, ties to the lower class index, as
   * {@code argMax} breaks them, so the first class is the one {@code evaluate} counts; the
   * softmax is taken in double precision, with the largest logit subtracted so that it cannot
   * overflow.
   */
  static Prediction of(String file, float[] logits, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    double[] e = new double[logits.length];
    for (int c = 0; c < logits.length; c++) {
      e[c] = Math.exp(logits[c] - max);
      sum += e[c];
    }
    List<Ranked> top = new ArrayList<>();
    for (int c : IntStream.range(0, logits.length).boxed()
        .sorted(Comparator.comparingDouble((Integer c) -> -logits[c]).thenComparingInt(c -> c))
        .limit(k).mapToInt(Integer::intValue).toArray()) {
      top.add(new Ranked(CifarSplit.CLASSES[c], e[c] / sum));
    }
    return new Prediction(file, top);
  }

  /** The line {@code predict} prints: "cat.png: cat 91.2%, dog 5.1%, deer 1.3%". */
  public String line() {
    return file + ": " + top.stream().map(r -> String.format(Locale.ROOT, "%s %.1f%%",
        r.className(), 100 * r.probability())).collect(Collectors.joining(", "));
  }
}
