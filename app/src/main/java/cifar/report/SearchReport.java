package cifar.report;

import cifar.io.AtomicFiles;
import cifar.report.table.Format;
import cifar.search.Method;
import cifar.search.Search;
import cifar.search.run.AshaLog;
import cifar.search.run.Budget;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.training.RunEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report of a search, in place of a sweep's results table (which compares configs on the
 * test set): search.md, the leaderboard with the trials ASHA stopped early and the training
 * spent against the study's grid; search.csv, the leaderboard for a spreadsheet; the plot of
 * validation accuracy against each key ({@link SearchPlots}); and best.yaml, the winner ready to
 * retrain ({@link BestSweepFile}).
 */
final class SearchReport {
  static final String MARKDOWN = "search.md";
  static final String CSV = "search.csv";

  private SearchReport() {}

  static void write(MergedRecords merged, Leaderboard board, Path outDir,
      RunEstimator estimator) {
    SweepPlan plan = merged.sweep().plan();
    AtomicFiles.write(outDir.resolve(MARKDOWN), markdown(plan, board, outDir, estimator));
    AtomicFiles.write(outDir.resolve(CSV), csv(board));
    SearchPlots.write(board, outDir.resolve(SearchPlots.FILE));
    BestSweepFile.write(plan, board, outDir);
  }

  /** The files {@link #write} writes, for the command's last line. */
  static String written(Path outDir) {
    return outDir.resolve(MARKDOWN) + ", " + CSV + ", " + SearchPlots.FILE + ", "
        + BestSweepFile.FILE + " and " + SweepReport.RECORDS;
  }

  /** search.md, for a report written to {@code dir}. */
  static String markdown(SweepPlan plan, Leaderboard board, Path dir, RunEstimator estimator) {
    Search s = board.search();
    StringBuilder md = new StringBuilder("# Search ").append(plan.name()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%s over %d trials drawn with seed %d%s. Trials are ranked"
        + " on validation accuracy: the last %,d training images, held out from every trial; the"
        + " test accuracy beside it was never used to rank or to choose. %s%n%n",
        s.method() == Method.ASHA ? "ASHA" : "Random search", board.drawn(), s.seed(),
        s.method() == Method.ASHA ? String.format(Locale.ROOT, " (rungs of %s epochs, each"
            + " promoting its top 1/%d)", s.rungs(), s.reductionFactor())
            : " (each trained " + s.maxEpochs() + " epochs)",
        s.validation(), state(board)));
    md.append("| rank | trial | epochs | validation % (ranked on) | test % (not used to rank) |"
        + " status | search | changes |\n|---:|---|---:|---:|---:|---|---|---|\n");
    for (Leaderboard.Entry e : board.entries()) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %s | %s | %s | %s |%n",
          e.rank(), e.trial(), e.epochs(), Format.pct(e.validation()), Format.pct(e.test()),
          e.status(), e.state(), MarkdownReport.escape(e.changes())));
    }
    List<Leaderboard.Entry> stopped = board.entries().stream()
        .filter(e -> e.state().startsWith("stopped")).toList();
    if (s.method() == Method.ASHA) {
      md.append("\n**Stopped early by ASHA (").append(stopped.size()).append(")**")
          .append(stopped.isEmpty() ? ": none.\n" : ", at their last rung's validation accuracy: ")
          .append(stopped.stream().map(e -> e.trial() + " after " + e.epochs() + " epoch"
              + (e.epochs() == 1 ? "" : "s") + " (" + Format.pct(e.validation()) + "%)")
              .collect(Collectors.joining(", ")))
          .append(stopped.isEmpty() ? "" : ".\n");
    }
    md.append("\n").append(spent(board, estimator)).append('\n');
    Leaderboard.Entry best = board.best();
    if (best != null) {
      md.append(String.format(Locale.ROOT, "%n**Best config:** %s (%s), %s%% validation accuracy"
          + " after %d epochs; written to `%s`. Retrain it with three seeds against %s on the"
          + " test set: `cifar sweep %s --repeats 3`.%n", best.trial(),
          MarkdownReport.escape(best.changes()), Format.pct(best.validation()), best.epochs(),
          BestSweepFile.FILE, s.compareName(), dir.resolve(BestSweepFile.FILE)));
    }
    md.append("\nValidation accuracy against each searched key: `").append(SearchPlots.FILE)
        .append("`.\n");
    return md.toString();
  }

  private static String state(Leaderboard board) {
    int trained = board.entries().size();
    if (AshaLog.COMPLETE.equals(board.ended())) {
      return "The search is complete.";
    }
    String of = trained + " of " + board.drawn() + " trials have a record; ";
    if (board.search().method() == Method.RANDOM) {
      return of + "the same command trains the rest (a --time-limit stopped it, or it is still"
          + " training).";
    }
    return of + (AshaLog.TIME_LIMIT.equals(board.ended()) ? "the search stopped at its time"
        + " limit (run the same command again to continue it)." : "the search is not over yet.");
  }

  /** What the search spent, beside what training every trial fully and the study's grid do. */
  static String spent(Leaderboard board, RunEstimator estimator) {
    List<String> rungs = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : board.reached().entrySet()) {
      rungs.add(e.getValue() + " to " + e.getKey());
    }
    Budget study = Budget.study(estimator);
    return String.format(Locale.ROOT, "**Training spent:** %,d image-epochs (trials trained to"
        + " how many epochs: %s). Every one of these trials trained to %d epochs, as a random"
        + " search does, would be %,d. The study's one-factor sweep (%s) is %,d per seed, %,d for"
        + " three seeds. Wall time from the first run's start to the last run's end: %s.",
        board.imageEpochs(), String.join(", ", rungs), board.search().maxEpochs(),
        board.toTheEnd(), Budget.STUDY, study.imageEpochs(), 3 * study.imageEpochs(),
        Format.duration(board.wallSeconds()));
  }

  static String csv(Leaderboard board) {
    StringBuilder csv = new StringBuilder("rank,trial,epochs,validation_accuracy_pct,"
        + "test_accuracy_pct,status,search,changes\n");
    for (Leaderboard.Entry e : board.entries()) {
      csv.append(String.format(Locale.ROOT, "%d,\"%s\",%d,%s,%s,\"%s\",\"%s\",\"%s\"%n", e.rank(),
          e.trial(), e.epochs(), number(e.validation()), number(e.test()), e.status(), e.state(),
          e.changes().replace("\"", "\"\"")));
    }
    return csv.toString();
  }

  private static String number(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f", 100 * fraction) : "";
  }
}
