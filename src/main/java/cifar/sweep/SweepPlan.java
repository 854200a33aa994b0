package cifar.sweep;

import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public record SweepPlan(String name, List<PlannedRun> runs, String fingerprint, List<String> notes,
    Map<String, String> files, Overrides overrides) {
  public SweepPlan {
    runs = List.copyOf(runs);
    notes = List.copyOf(notes);
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Resolves sweep files into runs. */
  public static SweepPlan of(List<SweepDefinition> files, Overrides overrides) {
    Map<String, PlannedRun> byId = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (SweepDefinition file : files) {
      String baselineConfigId = RunIds.configId(overrides.apply(file.baseline()));
      for (SweepEntry entry : file.entries()) {
        RunConfig config = overrides.apply(entry.config());
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
              file.referenceAccuracy(), baselineConfigId));
        }
      }
    }
    String name = files.stream().map(SweepDefinition::name).collect(Collectors.joining("+"));
    Map<String, String> sources = new LinkedHashMap<>();
    files.forEach(f -> sources.put(f.file(), f.contentSha256()));
    return new SweepPlan(name, new ArrayList<>(byId.values()), fingerprint(name, byId.keySet()),
        notes, sources, overrides);
  }

  /** The fingerprint of a set of run ids under a sweep name (independent of their order). */
  static String fingerprint(String name, Collection<String> ids) {
    return RunIds.hash(name + "\n" + ids.stream().sorted().collect(Collectors.joining("\n")));
  }

  /** The runs of one shard. */
  public List<PlannedRun> shard(Shard shard) {
    return shard.select(runs);
  }
}
