package cifar.report;

import cifar.io.AtomicFiles;
import cifar.report.html.ReportPage;
import cifar.report.table.Plots;
import cifar.report.table.ResultRow;
import cifar.report.table.ResultTable;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RecordJson;
import cifar.sweep.store.ReportedRecords;
import cifar.sweep.store.StoredSweep;
import cifar.sweep.store.SweepStore;
import cifar.training.RunEstimator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of a sweep: results.md, results.csv and results.json (the table three ways),
 * records.json (the raw records), two PNG plots and report.html (all of it in one page, see
 * {@link ReportPage}), written to the sweep directory. The first directory's sweep.json defines
 * the sweep; records from all the directories given are merged into it (see {@link
 * MergedRecords}). A search has its own report instead of the table, which ranks on the test set
 * ({@link SearchReport}).
 *
 * @param merged the records, merged
 * @param rows the table
 * @param markdown the table as Markdown (also printed); a search's leaderboard
 * @param leaderboard a search's trials, ranked; null for runs and grids
 * @param estimator the trainer's, which checks the study's sweep file that a search's report
 *     compares with
 */
public record SweepReport(MergedRecords merged, List<ResultRow> rows, String markdown,
    Leaderboard leaderboard, RunEstimator estimator) {
  public static final String MARKDOWN = "results.md";
  public static final String CSV = "results.csv";
  public static final String JSON = "results.json";
  public static final String RECORDS = ReportedRecords.FILE;

  /** Reads and merges the records of a sweep from its directory and any shard copies. */
  public static SweepReport of(Path sweepDir, List<Path> moreDirs, RunEstimator estimator) {
    StoredSweep sweep = new SweepStore(sweepDir).readPlan();
    List<Path> dirs = new ArrayList<>(List.of(sweepDir));
    dirs.addAll(moreDirs);
    MergedRecords merged = MergedRecords.merge(sweep, dirs);
    if (sweep.plan().search() != null) {
      Leaderboard board = Leaderboard.of(merged, dirs);
      return new SweepReport(merged, List.of(),
          SearchReport.markdown(sweep.plan(), board, sweepDir, estimator), board, estimator);
    }
    List<ResultRow> rows = ResultTable.rows(merged);
    return new SweepReport(merged, rows, MarkdownReport.render(merged, rows), null, estimator);
  }

  /** The table as results.csv has it. */
  public String csv() {
    return CsvReport.render(rows);
  }

  /** The table as results.json has it. */
  public String json() {
    return JsonReport.render(merged.sweep().plan().name(), rows);
  }

  /** What {@link #write} writes into {@code outDir}, as the commands tell it. */
  public String written(Path outDir) {
    return leaderboard != null ? SearchReport.written(outDir)
        : outDir.resolve(MARKDOWN) + ", " + CSV + ", " + JSON + ", " + RECORDS + ", plots and "
            + ReportPage.FILE;
  }

  /**
   * Writes the table, the raw records and the plots into {@code outDir}; refuses (before writing
   * anything) to replace a report there that holds more records (see {@link ShrinkGuard}).
   */
  public void write(Path outDir) {
    ShrinkGuard.check(outDir, merged.records().size());
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
    }
    if (leaderboard != null) {
      SearchReport.write(merged, leaderboard, outDir, estimator);
      AtomicFiles.write(outDir.resolve(RECORDS), RecordJson.writeAll(merged.records().values()));
      return;
    }
    AtomicFiles.write(outDir.resolve(MARKDOWN), markdown + ShrinkGuard.countLine(merged.records().size()));
    AtomicFiles.write(outDir.resolve(CSV), csv());
    AtomicFiles.write(outDir.resolve(JSON), json());
    AtomicFiles.write(outDir.resolve(RECORDS), RecordJson.writeAll(merged.records().values()));
    var runs = merged.sweep().plan().runs();
    Plots.accuracy(rows, runs.isEmpty() ? null : runs.get(0).reference(), outDir.resolve(Plots.ACCURACY));
    Plots.epochs(rows, outDir.resolve(Plots.EPOCHS));
    AtomicFiles.write(outDir.resolve(ReportPage.FILE), ReportPage.render(merged, rows));
  }
}
