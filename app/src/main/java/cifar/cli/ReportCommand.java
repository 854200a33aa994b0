package cifar.cli;

import cifar.report.SweepReport;
import cifar.report.table.ProvenanceCheck;
import cifar.training.CnnEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cifar report}: the results table and plots of a sweep, from its records. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BUG,
        "2:bad input, or a report there holds more records than this one would"},
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the results of a sweep: results.md, results.csv and results.json, one row per"
          + " config with the same columns: accuracy mean ± std over seeds (n) and its 95%% CI;"
          + " Δ against the sweep's baseline config with its 95%% Welch CI, Welch's t-test p and"
          + " Holm's p over the table; Δ against the study's 62%%; the study's number and a"
          + " verdict (replicated, contradicted, no effect found, needs ≥ 2 seeds). Also"
          + " records.json (the raw records), two PNG plots (accuracy with 95%% CI bars) and"
          + " report.html, all of it in one self-contained page: the sortable table, the"
          + " provenance, learning curves, grid heatmaps, per-class accuracy and confusion"
          + " matrices.",
      "For a search (random or ASHA): search.md and search.csv instead, the trials ranked on"
          + " validation accuracy with their test accuracy beside it, the trials ASHA stopped early"
          + " and the training spent; search-keys.png; best.yaml, the winner ready to retrain.",
      "Records of all shards in the directory are merged; records of another sweep definition"
          + " are refused, duplicates dropped, and runs still missing are listed.",
      "Corrupt record files are named in a warning and left where they are.",
      "A directory without records/ (a published report such as docs/results/study) is read from"
          + " its records.json. An existing records.json or results.md holding more records than"
          + " the new report is never replaced: the command stops with exit code 2 instead."
    })
public final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The sweep directory, e.g. runs/study (holds sweep.json).")
  Path dir;

  @Parameters(index = "1..*", paramLabel = "MORE",
      description = "More copies of the same sweep directory whose records are merged in (shards run without a shared volume).")
  List<Path> more = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report. Default: the sweep directory.")
  Path out;

  /** What {@code --format} prints. */
  enum Table { md, csv, json }

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Print only the table to standard output, as md (results.md), csv"
          + " (results.csv) or json (results.json), and write no file: for scripts.")
  Table format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SweepReport report = SweepReport.of(dir, more, CnnEstimator.CNN);
    Map<Path, String> corrupt = report.merged().corrupt();
    if (!corrupt.isEmpty()) {
      spec.commandLine().getErr().println("warning: " + corrupt.size() + " corrupt record file(s),"
          + " not counted: " + corrupt.keySet().stream().map(Path::toString)
              .collect(Collectors.joining(", "))
          + " (a sweep in the directory moves them to records/corrupt/ and trains their runs again)");
    }
    if (format != null) {
      System.out.print(switch (format) {
        case md -> report.markdown();
        case csv -> report.csv();
        case json -> report.json();
      });
      return 0;
    }
    Path target = out != null ? out : dir;
    report.write(target);
    System.out.print(report.markdown());
    ProvenanceCheck.lines(report.merged()).forEach(System.out::println);
    System.out.println("\nwrote " + report.written(target));
    return 0;
  }
}
