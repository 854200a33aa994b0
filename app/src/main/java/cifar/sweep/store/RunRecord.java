package cifar.sweep.store;

import cifar.config.RunConfig;
import cifar.json.PerClassJson;
import cifar.provenance.Provenance;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.training.EpochMetrics;
import cifar.training.RunDirectory;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import com.google.gson.annotations.JsonAdapter;
import java.util.List;

/**
 * The result of one run as stored in the sweep directory ({@code records/<id>.json}): enough to
 * build the table without the sweep file, to tell which sweep definition it belongs to, and to
 * tell what made it.
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
 * @param log the run's log file, relative to the sweep directory ({@code
 *     models/<id>/train.log}: its lines, and a failed run's stack trace); null in records
 *     written before runs kept one
 * @param testAccuracy final test accuracy 0..1, NaN if none
 * @param validationAccuracy final accuracy on the held-out training images, 0..1; null when the
 *     run held none out (and in records made before there were validation splits)
 * @param perClassAccuracy test accuracy per class in class order (10 entries), or empty; in the
 *     file an object keyed by class name
 * @param confusion the final confusion matrix: row t, column p counts the test images of true
 *     class t given class p, in class order (10 × 10); empty for a run without one, such as a
 *     record written before runs recorded it (the field is null or absent in the file)
 * @param epochs metrics of every finished epoch
 * @param wallSeconds wall time of the run
 * @param shard the shard that trained it, e.g. "2/3"
 * @param provenance the code, libraries, machine, settings and times that made it
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
    String log,
    double testAccuracy,
    Double validationAccuracy,
    @JsonAdapter(PerClassJson.class) List<Double> perClassAccuracy,
    List<List<Integer>> confusion,
    List<EpochMetrics> epochs,
    double wallSeconds,
    String shard,
    Provenance provenance) {

  public RunRecord {
    perClassAccuracy = perClassAccuracy == null ? List.of() : List.copyOf(perClassAccuracy);
    confusion = confusion == null ? List.of() : confusion.stream().map(List::copyOf).toList();
    epochs = epochs == null ? List.of() : List.copyOf(epochs);
  }

  /** The record of a finished run. */
  public static RunRecord of(SweepPlan plan, PlannedRun run, RunResult result, Shard shard,
      Provenance provenance) {
    return new RunRecord(plan.name(), plan.fingerprint(), run.id(), run.configId(), run.name(),
        run.changes(), run.config(), result.status(), result.error(), logOf(run.id()),
        result.testAccuracy(), result.validationAccuracy(), result.perClassAccuracy(),
        result.confusion(), result.epochs(), result.wallSeconds(), shard.label(),
        provenance);
  }

  /** Where run {@code id}'s log is, relative to the sweep directory. */
  public static String logOf(String id) {
    return SweepStore.MODELS + "/" + id + "/" + RunDirectory.LOG;
  }

  /** Mean training images per second over the run's epochs, NaN if none finished. */
  public double imagesPerSecond() {
    return epochs.stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(Double.NaN);
  }

  /** True when the run needs no rerun: it trained to the end or diverged (a result too). */
  public boolean finished() {
    return status == RunStatus.OK || status == RunStatus.DIVERGED;
  }
}
