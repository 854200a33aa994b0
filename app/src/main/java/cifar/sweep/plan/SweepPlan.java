package cifar.sweep.plan;

import cifar.UserError;
import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import cifar.search.Method;
import cifar.search.Search;
import cifar.sweep.Changes;
import cifar.sweep.RunIds;
import cifar.sweep.file.SweepDefinition;
import cifar.sweep.file.SweepEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every run of a sweep, resolved: each entry of each file with the overrides applied, once per
 * seed, in file order. Two entries that come out as the same config (a grid point equal to the
 * baseline, say) are trained once, under the first name.
 *
 * @param name the sweep's name (the files' names joined with '+')
 * @param runs the runs in file order, repeats of one config next to each other
 * @param fingerprint identifies this exact set of runs; every record carries it, so records of
 *     another sweep definition are recognised and refused when shards are merged
 * @param notes what the resolution noticed (merged duplicates), for the user
 * @param files the sweep files with the SHA-256 of their content, for the record
 * @param overrides the command-line overrides the runs were resolved with
 * @param search the search whose trials the runs are, or null for runs and grids; a random
 *     search has one run per trial, ASHA one per trial and rung (most of them never trained)
 */
public record SweepPlan(String name, List<PlannedRun> runs, String fingerprint, List<String> notes,
    Map<String, String> files, Overrides overrides, Search search) {
  public SweepPlan {
    runs = List.copyOf(runs);
    notes = List.copyOf(notes);
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Resolves sweep files into runs. */
  public static SweepPlan of(List<SweepDefinition> files, Overrides overrides) {
    Search search = searchOf(files, overrides);
    Map<String, PlannedRun> byId = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (SweepDefinition file : files) {
      String baselineConfigId = RunIds.configId(overrides.apply(file.baseline()));
      for (SweepEntry entry : file.entries()) {
        RunConfig config = overrides.apply(entry.config());
        if (search != null && search.method() == Method.ASHA) {
          addRungs(byId, notes, entry, config, search.rungs(), file, baselineConfigId);
          continue;
        }
        for (int r = 0; r < overrides.repeats(); r++) {
          RunConfig seeded = config.with(ConfigKey.SEED.key(), config.seed() + r);
          String id = RunIds.runId(seeded);
          PlannedRun first = byId.get(id);
          if (first != null) {
            if (r == 0) {
              notes.add("'" + entry.name() + "' in " + file.file() + " is the same config as '"
                  + first.name() + "'; trained once");
            }
            continue;
          }
          byId.put(id, new PlannedRun(id, RunIds.configId(seeded), entry.name(),
              Changes.describe(entry.changes()), seeded, entry.reported(),
              file.referenceAccuracy(), baselineConfigId, null));
        }
      }
    }
    String name = files.stream().map(SweepDefinition::name).collect(Collectors.joining("+"));
    Map<String, String> sources = new LinkedHashMap<>();
    files.forEach(f -> sources.put(f.file(), f.contentSha256()));
    return new SweepPlan(name, new ArrayList<>(byId.values()), fingerprint(name, byId.keySet()),
        notes, sources, overrides, search);
  }

  /**
   * The search of the files, or null. A search runs alone, one seed per trial (the winner is
   * retrained with more), and sets its trials' epochs itself.
   */
  private static Search searchOf(List<SweepDefinition> files, Overrides overrides) {
    List<SweepDefinition> searches = files.stream().filter(f -> f.search() != null).toList();
    if (searches.isEmpty()) {
      return null;
    }
    String file = searches.get(0).file();
    if (files.size() > 1) {
      throw new UserError(file + ": a search runs alone; give it without other sweep files");
    }
    if (overrides.repeats() != 1) {
      throw new UserError("--repeats " + overrides.repeats() + ": a search trains each trial once"
          + " (it ranks configs, not seeds); retrain the winner with best.yaml --repeats N");
    }
    if (overrides.epochs() != null) {
      throw new UserError("--epochs " + overrides.epochs() + ": " + file + " sets its trials'"
          + " epochs (max_epochs, and for asha min_epochs); change them there");
    }
    return searches.get(0).search();
  }

  /**
   * An ASHA trial as one run per rung, each its config trained to that rung's epochs; all share
   * the trial's checkpoints (under the id of its last rung), so a promotion continues them.
   */
  private static void addRungs(Map<String, PlannedRun> byId, List<String> notes, SweepEntry entry,
      RunConfig config, List<Integer> rungs, SweepDefinition file, String baselineConfigId) {
    String trial = RunIds.runId(config.with(ConfigKey.EPOCHS.key(), rungs.get(rungs.size() - 1)));
    if (byId.values().stream().anyMatch(r -> trial.equals(r.trial()))) {
      notes.add("'" + entry.name() + "' in " + file.file() + " draws the same config as an"
          + " earlier trial; trained once");
      return;
    }
    for (int epochs : rungs) {
      RunConfig rung = config.with(ConfigKey.EPOCHS.key(), epochs);
      String id = RunIds.runId(rung);
      byId.put(id, new PlannedRun(id, RunIds.configId(rung), entry.name(),
          Changes.describe(entry.changes()), rung, null, file.referenceAccuracy(),
          baselineConfigId, trial));
    }
  }

  /** The fingerprint of a set of run ids under a sweep name (independent of their order). */
  static String fingerprint(String name, Collection<String> ids) {
    return RunIds.hash(name + "\n" + ids.stream().sorted().collect(Collectors.joining("\n")));
  }

  /** The groups of seeds this sweep trains together ({@link SeedGroups}), in plan order. */
  public List<SeedGroup> groups() {
    return SeedGroups.of(this);
  }

  /**
   * The runs of one shard, in plan order. A group of seeds stays together, in one shard
   * ({@link Shard#selectGroups}); an ASHA trial's runs stay together, in the shard of its last
   * rung's run, so that each shard promotes among whole trials of its own.
   */
  public List<PlannedRun> shard(Shard shard) {
    if (runs.stream().allMatch(r -> r.trial() == null)) {
      Set<String> mine = shard.selectGroups(groups()).stream()
          .flatMap(g -> g.members().stream()).map(PlannedRun::id).collect(Collectors.toSet());
      return runs.stream().filter(r -> mine.contains(r.id())).toList();
    }
    Set<String> trials = shard.select(runs.stream().filter(r -> r.id().equals(r.trial()))
        .toList()).stream().map(PlannedRun::id).collect(Collectors.toSet());
    return runs.stream().filter(r -> trials.contains(r.checkpointKey())).toList();
  }
}
