package cifar.sweep;

import cifar.config.RunConfig;
import cifar.training.EpochMetrics;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * The result of one run as stored in the sweep directory ({@code records/<id>.json}): enough to
 * build the table without the sweep file, and to tell which sweep definition it belongs to.
 *
 * @param sweep the sweep's name
 * @param fingerprint the {@link SweepPlan#fingerprint()} of the definition it ran under
 * @param id the run id (also the file name)
 * @param configId the id of the config without the seed
 * @param name the entry name
 * @param changes what the entry changed, as text
 * @param config the full config
 * @param status how it ended
 * @param error what went wrong, or null
 * @param testAccuracy final test accuracy 0..1, NaN if none
 * @param perClassAccuracy test accuracy per class (10 entries), or empty
 * @param epochs metrics of every finished epoch
 * @param wallSeconds wall time of the run
 * @param shard the shard that trained it, e.g. "2/3"
 * @param host the machine that trained it
 * @param finishedAt when it finished
 */
public record RunRecord(
    String sweep,
    String fingerprint,
    String id,
    String configId,
    String name,
    String changes,
    RunConfig config,
    RunStatus status,
    String error,
    double testAccuracy,
    List<Double> perClassAccuracy,
    List<EpochMetrics> epochs,
    double wallSeconds,
    String shard,
    String host,
    Instant finishedAt) {

  public RunRecord {
    perClassAccuracy = List.copyOf(perClassAccuracy);
    epochs = List.copyOf(epochs);
  }

  /** The record of a finished run. */
  public static RunRecord of(SweepPlan plan, PlannedRun run, RunResult result, Shard shard,
      String host, Instant finishedAt) {
    return new RunRecord(plan.name(), plan.fingerprint(), run.id(), run.configId(), run.name(),
        run.changes(), run.config(), result.status(), result.error(), result.testAccuracy(),
        result.perClassAccuracy(), result.epochs(), result.wallSeconds(), shard.label(), host,
        finishedAt);
  }

  /** Mean training images per second over the run's epochs, NaN if none finished. */
  public double imagesPerSecond() {
    return epochs.stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(Double.NaN);
  }

  /** True when the run needs no rerun: it trained to the end or diverged (a result too). */
  public boolean finished() {
    return status != RunStatus.FAILED;
  }
}
