package cifar.report;

import cifar.config.RunConfig;
import cifar.search.Method;
import cifar.search.Search;
import cifar.search.run.AshaLog;
import cifar.search.run.Score;
import cifar.search.run.Trial;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.training.EpochMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The trials of a search, ranked: those that reached a higher rung first (ASHA judged them
 * better at every rung below), then by validation accuracy at the rung they reached. The test
 * accuracy is carried beside it, never used to rank; the winner is retrained on the test set's
 * terms in best.yaml ({@link BestSweepFile}).
 *
 * @param search the search
 * @param entries the trials with a record, best first
 * @param drawn trials the search drew
 * @param ended how the search (every shard of it) ended: {@link AshaLog#COMPLETE}, {@link
 *     AshaLog#TIME_LIMIT}, or null while it goes on (a random search: complete once every trial
 *     has its record)
 * @param imageEpochs images trained on, summed over every epoch the search trained
 * @param toTheEnd what training every trial with a record to max_epochs would have spent
 * @param wallSeconds from the first run's start to the last run's end
 */
public record Leaderboard(Search search, List<Entry> entries, int drawn, String ended,
    long imageEpochs, long toTheEnd, double wallSeconds) {

  /**
   * One trial at the highest rung it has a record of.
   *
   * @param rank 1 for the best
   * @param trial its name
   * @param changes the drawn values, as text
   * @param config its config at that rung
   * @param epochs the epochs it trained (its rung)
   * @param validation validation accuracy there, NaN when it diverged or failed
   * @param test test accuracy there (not used to rank)
   * @param status how that run ended
   * @param state where the search left it: "trained to the end", "stopped at N epochs", ...
   */
  public record Entry(int rank, String trial, String changes, RunConfig config, int epochs,
      double validation, double test, String status, String state) {}

  /** The leaderboard of a search's records, with the state of its logs in {@code dirs}. */
  public static Leaderboard of(MergedRecords merged, List<Path> dirs) {
    Search search = merged.sweep().plan().search();
    List<Trial> trials = Trial.of(merged.sweep().plan());
    Map<String, String> endedBy = search.method() == Method.ASHA ? logs(dirs) : Map.of();
    List<Entry> rows = new ArrayList<>();
    long spent = 0;
    long toTheEnd = 0;
    Instant first = null;
    Instant last = null;
    for (Trial t : trials) {
      RunRecord top = null;
      for (PlannedRun r : t.rungs()) {
        top = merged.records().getOrDefault(r.id(), top);
      }
      if (top == null) {
        continue;
      }
      long images = top.epochs().stream().mapToLong(Leaderboard::images).sum();
      spent += images;
      toTheEnd += top.epochs().isEmpty() ? 0
          : images / top.epochs().size() * search.maxEpochs();
      for (PlannedRun r : t.rungs()) {
        RunRecord rec = merged.records().get(r.id());
        if (rec != null && rec.provenance() != null && rec.provenance().startedAt() != null) {
          first = min(first, rec.provenance().startedAt());
          last = max(last, rec.provenance().finishedAt());
        }
      }
      int epochs = top.config().epochs();
      rows.add(new Entry(0, t.name(), t.changes(), top.config(), epochs, Score.of(top),
          top.testAccuracy(), top.status().word(), state(search, epochs, endedBy.get(t.name()))));
    }
    rows.sort(Comparator.comparingInt(Entry::epochs).reversed()
        .thenComparing(e -> Double.isNaN(e.validation()) ? 1 : -e.validation())
        .thenComparing(Entry::trial));
    List<Entry> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Entry e = rows.get(i);
      ranked.add(new Entry(i + 1, e.trial(), e.changes(), e.config(), e.epochs(),
          e.validation(), e.test(), e.status(), e.state()));
    }
    String ended = search.method() == Method.ASHA ? ended(endedBy, trials.size())
        : rows.size() == trials.size() ? AshaLog.COMPLETE : null;
    double wall = first == null || last == null ? Double.NaN
        : Duration.between(first, last).toMillis() / 1e3;
    return new Leaderboard(search, ranked, trials.size(), ended, spent, toTheEnd, wall);
  }

  /** The best trial, or null when none has a record. */
  public Entry best() {
    return entries.isEmpty() ? null : entries.get(0);
  }

  /** The searched keys, in the file's order. */
  public List<String> keys() {
    return List.copyOf(search.space().keySet());
  }

  /** How many trials reached each number of epochs, by rung. */
  public Map<Integer, Long> reached() {
    Map<Integer, Long> out = new TreeMap<>();
    for (int e : search.rungs()) {
      out.put(e, entries.stream().filter(x -> x.epochs() >= e).count());
    }
    return out;
  }

  /** Images trained in one epoch, from its speed and time. */
  private static long images(EpochMetrics m) {
    return Math.round(m.imagesPerSecond() * m.seconds());
  }

  private static String state(Search search, int epochs, String ended) {
    if (epochs >= search.maxEpochs()) {
      return "trained to the end";
    }
    if (AshaLog.COMPLETE.equals(ended)) {
      return "stopped at " + epochs + " epoch" + (epochs == 1 ? "" : "s");
    }
    return AshaLog.TIME_LIMIT.equals(ended) ? "time limit at " + epochs + " epochs"
        : "not promoted yet";
  }

  /** How each trial's shard search ended, by trial name, from the logs in the directories. */
  private static Map<String, String> logs(List<Path> dirs) {
    Map<String, String> out = new HashMap<>();
    for (Path dir : dirs) {
      Path folder = dir.resolve(AshaLog.DIR);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.filter(p -> p.getFileName().toString().matches("asha-shard-.*\\.json"))
            .sorted().toList()) {
          AshaLog log = AshaLog.read(f, Shard.ALL);
          log.events().forEach(e -> out.put(e.trial(), Objects.toString(log.ended(), "")));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /**
   * Complete when every trial is in a log that is (ASHA draws every trial before it ends); the
   * time limit when one stopped there; else null.
   */
  private static String ended(Map<String, String> endedBy, int trials) {
    if (endedBy.size() == trials && endedBy.values().stream().allMatch(AshaLog.COMPLETE::equals)) {
      return AshaLog.COMPLETE;
    }
    return endedBy.values().stream().anyMatch(AshaLog.TIME_LIMIT::equals) ? AshaLog.TIME_LIMIT
        : null;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }
}
