package cifar.report;

import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import cifar.io.AtomicFiles;
import cifar.search.Search;
import cifar.sweep.plan.SweepPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * best.yaml: a search's winner as a ready-to-run sweep file that retrains it on all 50,000
 * training images (nothing held out) against the config it is to beat (the search's
 * {@code compare}, else its file's baseline), the latter as the file's baseline, so that {@code
 * cifar sweep best.yaml --repeats 3} gives the difference with its Welch interval and p. The
 * winner's run is named after its search ({@code search-trial-017}), so that the best.yaml of
 * two searches retrain side by side in one sweep, against one run of the compared config.
 */
final class BestSweepFile {
  static final String FILE = "best.yaml";
  /** Keys the retrain sets itself: it trains on everything, with the sweep's own seeds. */
  private static final Set<String> LEFT_OUT = Set.of(ConfigKey.VALIDATION.key(),
      ConfigKey.TRAIN_LIMIT.key(), ConfigKey.TEST_LIMIT.key(), ConfigKey.SEED.key());

  private BestSweepFile() {}

  /** The file's text for {@code outDir}, or null when no trial has a record yet. */
  static String render(SweepPlan plan, Leaderboard board, Path outDir) {
    Leaderboard.Entry best = board.best();
    if (best == null) {
      return null;
    }
    Search s = plan.search();
    Map<String, Object> baseline = changes(RunConfig.baseline(), s.compare());
    Map<String, Object> winner = changes(s.compare(), best.config());
    StringBuilder y = new StringBuilder();
    y.append(String.format(Locale.ROOT, "# The winner of search '%s' (%s over %d trials, seed %d):"
        + " %s, %.1f%% validation accuracy%n# after %d epochs on the last %,d training images, held"
        + " out (test accuracy %.1f%%, not used to choose it).%n# Retrained here on all training"
        + " images against %s:%n#   cifar sweep %s --repeats 3%n", plan.name(), s.method().word(),
        s.trials(), s.seed(), best.trial(), 100 * best.validation(), best.epochs(),
        s.validation(), 100 * best.test(), s.compareName(), outDir.resolve(FILE)));
    y.append("name: ").append(plan.name()).append("-best\n");
    if (!plan.runs().isEmpty() && plan.runs().get(0).reference() != null) {
      y.append("reference_accuracy: ").append(plan.runs().get(0).reference()).append('\n');
    }
    y.append("baseline: ").append(flow(baseline)).append('\n');
    y.append("runs:\n  - name: ").append(s.compareName()).append('\n');
    y.append("  - name: ").append(plan.name()).append('-').append(best.trial()).append('\n');
    y.append("    set: ").append(flow(winner)).append('\n');
    return y.toString();
  }

  static void write(SweepPlan plan, Leaderboard board, Path outDir) {
    String text = render(plan, board, outDir);
    if (text != null) {
      AtomicFiles.write(outDir.resolve(FILE), text);
    }
  }

  /** The keys whose values differ from {@code from} to {@code to}, but those left out. */
  private static Map<String, Object> changes(RunConfig from, RunConfig to) {
    Map<String, Object> a = from.toMap();
    Map<String, Object> out = new LinkedHashMap<>();
    to.toMap().forEach((k, v) -> {
      if (!LEFT_OUT.contains(k) && !v.equals(a.get(k))) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static String flow(Map<String, Object> m) {
    DumperOptions style = new DumperOptions();
    style.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    style.setWidth(1000);
    return new Yaml(style).dump(m).strip();
  }
}
