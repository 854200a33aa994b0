package cifar.sweep.plan;

import cifar.config.RunConfig;
import cifar.sweep.RunIds;

/**
 * One run a sweep will train: a config with its seed, and what the table needs to say about it.
 *
 * @param id stable id from the full config, seed included ({@link RunIds#runId})
 * @param configId id of the config without its seed: the repeats of one config share it
 * @param name the entry's name in the sweep file
 * @param changes what the entry changes against its file's baseline, e.g. "lr=0.0005"
 * @param config the full config to train
 * @param reported the study's accuracy for this config (0..1), or null
 * @param reference the study's baseline accuracy (0..1) from the sweep file, or null
 * @param baselineConfigId configId of the file's own baseline, for the "Δ vs baseline" column
 * @param trial for a rung of an ASHA trial, the id of that trial trained to its last rung: the
 *     trial's checkpoints are kept under it, so that a promotion continues them; null for runs,
 *     grid points and trials of a random search, which are runs of their own
 */
public record PlannedRun(
    String id,
    String configId,
    String name,
    String changes,
    RunConfig config,
    Double reported,
    Double reference,
    String baselineConfigId,
    String trial) {

  /** The directory name of the run's checkpoints: its trial's id, or its own. */
  public String checkpointKey() {
    return trial != null ? trial : id;
  }

  /** The run's seed. */
  public long seed() {
    return config.seed();
  }
}
