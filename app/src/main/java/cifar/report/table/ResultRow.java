package cifar.report.table;

import cifar.report.stats.Verdict;
import java.util.List;

/**
 * One line of the results table: one config of the sweep, its seeds taken together.
 * Accuracies and differences are fractions (0.62 = 62%); NaN where there is nothing to show.
 *
 * @param name the entry's name
 * @param changes what it changes against its file's baseline ("" for the baseline)
 * @param configId id of the config without seed
 * @param isBaseline whether this is its sweep file's own baseline config
 * @param planned runs planned for it (its seeds)
 * @param n runs whose final test accuracy counts (ok or diverged with a finished epoch)
 * @param mean mean final test accuracy over those runs
 * @param std sample standard deviation over those runs (NaN when n < 2)
 * @param ciLow lower end of the 95% Student t interval for the mean (NaN when n < 2)
 * @param ciHigh upper end of that interval
 * @param deltaBaseline mean minus the mean of the file's own baseline config
 * @param deltaCiLow lower end of the 95% Welch interval for {@code deltaBaseline} (NaN for the
 *     baseline itself and when either side has n < 2)
 * @param deltaCiHigh upper end of that interval
 * @param p two-sided p-value of Welch's t-test against the baseline config (NaN as the interval)
 * @param holmP {@code p} after Holm's correction over all comparisons of the table
 * @param deltaReference mean minus the study's reference accuracy (62%)
 * @param reported the study's reported accuracy, or null
 * @param verdict whether our seeds back the study's change, or null where there is none to judge
 * @param epochs epochs per run
 * @param imagesPerSecond mean training images per second
 * @param wallSeconds mean wall time per run
 * @param status "ok", or counts such as "ok 2, diverged 1, missing 1"
 * @param testAccuracyPerEpoch mean test accuracy after each epoch (for the epoch plot)
 */
public record ResultRow(
    String name,
    String changes,
    String configId,
    boolean isBaseline,
    int planned,
    int n,
    double mean,
    double std,
    double ciLow,
    double ciHigh,
    double deltaBaseline,
    double deltaCiLow,
    double deltaCiHigh,
    double p,
    double holmP,
    double deltaReference,
    Double reported,
    Verdict verdict,
    int epochs,
    double imagesPerSecond,
    double wallSeconds,
    String status,
    List<Double> testAccuracyPerEpoch) {

  public ResultRow {
    testAccuracyPerEpoch = List.copyOf(testAccuracyPerEpoch);
  }
}
