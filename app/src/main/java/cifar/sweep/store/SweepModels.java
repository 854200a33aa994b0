package cifar.sweep.store;

import cifar.UserError;
import cifar.config.Suggest;
import cifar.sweep.plan.PlannedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the model a sweep kept for one of its runs, by the run's name and seed. */
public final class SweepModels {
  private SweepModels() {}

  /**
   * The model directory ({@code models/<id>/}) of run {@code name} with {@code seed}.
   *
   * @throws UserError naming what is wrong: no such run, or no model kept for it
   */
  public static Path find(Path sweepDir, String name, long seed) {
    SweepStore store = new SweepStore(sweepDir);
    List<PlannedRun> runs = store.readPlan().plan().runs();
    List<String> names = runs.stream().map(PlannedRun::name).distinct().toList();
    if (!names.contains(name)) {
      throw new UserError(sweepDir + ": no run named '" + name + "'"
          + Suggest.didYouMean(name, names) + " (runs: " + String.join(", ", names) + ")");
    }
    PlannedRun run = runs.stream().filter(r -> r.name().equals(name) && r.seed() == seed)
        .findFirst().orElseThrow(() -> new UserError(sweepDir + ": run '" + name
            + "' has no seed " + seed + " (seeds: " + runs.stream()
            .filter(r -> r.name().equals(name)).map(r -> Long.toString(r.seed())).toList() + ")"));
    Path model = store.model(run.id());
    if (!Files.isRegularFile(model.resolve("model.params"))) {
      throw new UserError(sweepDir + ": run '" + name + "' seed " + seed + " (" + run.id()
          + ") has no model in " + model + " (not trained yet, or trained before sweeps kept"
          + " their models)");
    }
    return model;
  }
}
