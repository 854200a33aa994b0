package cifar.cli;

import cifar.sweep.store.SweepModels;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which trained model a command reads (evaluate, predict): a run directory, or a run of a sweep
 * by name and seed, whose model the sweep kept in its {@code models/}. Used as an exclusive
 * {@code @ArgGroup} with multiplicity 1, so exactly one of the two is given.
 */
final class ModelChoice {
  @Option(names = "--run", paramLabel = "DIR",
      description = "Run directory written by `cifar train --out DIR` (or a sweep's models/<id>).")
  Path runDir;

  @ArgGroup(exclusive = false)
  SweepRun sweepRun;

  /** A run of a sweep by name and seed; its model is in the sweep directory's models/. */
  static final class SweepRun {
    @Option(names = "--sweep", required = true, paramLabel = "DIR",
        description = "Sweep directory (holds sweep.json and models/).")
    Path dir;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "The run's name in the sweep, e.g. conv-20-25.")
    String name;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "The run's seed (default: ${DEFAULT-VALUE}).")
    long seed;
  }

  /** The run directory of the chosen model (config.yaml and model.params). */
  Path dir() {
    return runDir != null ? runDir : SweepModels.find(sweepRun.dir, sweepRun.name, sweepRun.seed);
  }
}
