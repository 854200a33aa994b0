package cifar.sweep;

import cifar.config.RunConfig;

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
 */
public record PlannedRun(
    String id,
    String configId,
    String name,
    String changes,
    RunConfig config,
    Double reported,
    Double reference,
    String baselineConfigId) {

  /** The run's seed. */
  public long seed() {
    return config.seed();
  }
}
