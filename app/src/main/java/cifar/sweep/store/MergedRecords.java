package cifar.sweep.store;

import cifar.sweep.plan.PlannedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The records of one sweep gathered from one or more sweep directories (the shared directory of
 * a cluster run, or copies made on separate machines): records of another sweep definition are
 * refused, duplicates of one run are kept once, and runs without a record are listed.
 * A directory without a {@code records/} folder (a published report) is read from its
 * {@link ReportedRecords records.json}.
 *
 * @param sweep the sweep the records are merged into
 * @param records the accepted records by run id, in plan order
 * @param refused "file: reason" for every record file that was not accepted
 * @param corrupt the record files of {@code records/} that are not sound records (they do not
 *     parse, or their id does not match their file name or their config), with the reason;
 *     also in {@code refused}. A sweep sets them aside and trains their runs again; a record of
 *     another sweep definition is sound and is not among them.
 * @param duplicates how many extra copies of an already accepted run were dropped
 * @param outdated records of runs that an earlier definition had and this one does not
 * @param missing planned runs without a record
 */
public record MergedRecords(
    StoredSweep sweep,
    Map<String, RunRecord> records,
    List<String> refused,
    Map<Path, String> corrupt,
    int duplicates,
    int outdated,
    List<PlannedRun> missing) {

  /**
   * Reads every record file of the given sweep directories into the sweep's plan. A directory
   * without a {@code records/} folder is read from its records.json (a published report).
   */
  public static MergedRecords merge(StoredSweep sweep, List<Path> dirs) {
    RecordCollector c = new RecordCollector(sweep);
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir.resolve(SweepStore.RECORDS))
          && Files.isRegularFile(ReportedRecords.in(dir))) {
        c.addReported(ReportedRecords.in(dir));
      }
      for (Path file : SweepStore.recordFiles(dir)) {
        c.addFile(file);
      }
    }
    return c.result();
  }
}
