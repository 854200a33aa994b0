package cifar.cli;

import cifar.ProjectFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.cli.Cli.Result;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.store.RecordJson;
import cifar.sweep.store.SweepStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report and sweep never replace results with fewer: a published report (docs/results/study,
 * records.json without records/) is read back from its records.json, and a report holding more
 * records than the new one is refused, untouched.
 */
class ReportSafetyTest {
  private static final Path STUDY = ProjectFiles.path("docs", "results", "study");

  @TempDir Path tmp;

  /** A copy of docs/results/study: sweep.json, records.json, results.md, ... and no records/. */
  private Path copyOfStudy() throws IOException {
    Path copy = tmp.resolve("study");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(STUDY)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  private static int recordsJsonSize(Path dir) throws IOException {
    return RecordJson.readAll(Files.readString(dir.resolve("records.json"))).size();
  }

  @Test
  void reportOfAPublishedDirectoryReadsItsRecordsJson() throws Exception {
    Path copy = copyOfStudy();
    assertEquals(36, recordsJsonSize(copy));
    Result r = Cli.run(new ReportCommand(), copy.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(36, recordsJsonSize(copy), "the records are still there");
    String md = Files.readString(copy.resolve("results.md"));
    assertTrue(md.contains("36 of 36 runs recorded") && md.contains("<!-- records: 36 -->"), md);
    assertTrue(md.contains("| conv-15-20-25-dropout |") && !md.contains("Missing runs"), md);
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void aLargerRecordsJsonIsNotReplaced() throws Exception {
    Path copy = copyOfStudy();
    Files.createDirectory(copy.resolve(SweepStore.RECORDS)); // record files: none
    byte[] json = Files.readAllBytes(copy.resolve("records.json"));
    byte[] md = Files.readAllBytes(copy.resolve("results.md"));
    Result r = Cli.run(new ReportCommand(), copy.toString());
    assertEquals(2, r.code(), r.out());
    assertEquals("error: refusing to replace " + copy.resolve("records.json") + " (36 records) with"
        + " 0 records: the record files it was made from are not all here; write the report"
        + " elsewhere (cifar report DIR --out OTHER) or move records.json away first", r.err().trim());
    assertEquals(new String(json, StandardCharsets.UTF_8), Files.readString(copy.resolve("records.json")));
    assertEquals(new String(md, StandardCharsets.UTF_8), Files.readString(copy.resolve("results.md")));
  }

  @Test
  void aLargerResultsMdIsNotReplacedEvenWithoutRecordsJson() throws Exception {
    Path copy = copyOfStudy();
    Files.delete(copy.resolve("records.json"));
    Files.createDirectory(copy.resolve(SweepStore.RECORDS));
    byte[] md = Files.readAllBytes(copy.resolve("results.md"));
    Result r = Cli.run(new ReportCommand(), copy.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("refusing to replace " + copy.resolve("results.md")
        + " (36 records) with 0 records"), r.err());
    assertEquals(new String(md, StandardCharsets.UTF_8), Files.readString(copy.resolve("results.md")));
    assertTrue(!Files.exists(copy.resolve("records.json")) && !Files.exists(copy.resolve("results.csv.tmp")));
  }

  @Test
  void aResultsMdWhoseCountCannotBeReadIsNotReplaced() throws Exception {
    Path copy = copyOfStudy();
    Files.writeString(copy.resolve("results.md"), "# my notes\n");
    Result r = Cli.run(new ReportCommand(), copy.toString(), "--out", copy.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("refusing to replace " + copy.resolve("results.md")
        + ": cannot tell how many records it holds"), r.err());
    assertEquals("# my notes\n", Files.readString(copy.resolve("results.md")));
  }

  @Test
  void theEndOfSweepReportRefusesToShrinkTooButKeepsTheNewRecords() throws Exception {
    Path f = tmp.resolve("mini.yaml");
    Files.writeString(f, "name: mini\nruns:\n  - name: a\n  - name: b\n    set: {lr: 0.002}\n");
    Path out = tmp.resolve("mini");
    FakeExecutor fake = new FakeExecutor();
    Result first = Cli.run(new SweepCommand(s -> fake), f.toString(), "--out", out.toString(),
        "--epochs", "1", "--device", "cpu", "--cores", "1");
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.readString(out.resolve("results.md")).contains("<!-- records: 2 -->"));
    // one record file lost: the sweep trains its run again, then the report has both again
    Files.delete(SweepStore.recordFiles(out).get(0));
    Result again = Cli.run(new SweepCommand(s -> fake), f.toString(), "--out", out.toString(),
        "--epochs", "1", "--device", "cpu", "--cores", "1");
    assertEquals(0, again.code(), again.err());
    assertEquals(2, recordsJsonSize(out));
    // a larger records.json than the record files can give: the sweep refuses at its report
    Files.writeString(out.resolve("records.json"), "[{}, {}, {}]");
    Result shrink = Cli.run(new SweepCommand(s -> fake), f.toString(), "--out", out.toString(),
        "--epochs", "1", "--device", "cpu", "--cores", "1");
    assertEquals(2, shrink.code(), shrink.out());
    assertTrue(shrink.err().contains("(3 records) with 2 records"), shrink.err());
    assertEquals("[{}, {}, {}]", Files.readString(out.resolve("records.json")));
    assertEquals(2, SweepStore.recordFiles(out).size());
  }

  @Test
  void aSweepInAPublishedDirectoryKeepsItsRecordsAndAddsNewSeeds() throws Exception {
    Path copy = copyOfStudy();
    FakeExecutor fake = new FakeExecutor();
    Result same = Cli.run(new SweepCommand(s -> fake), "hyperparams/study.yaml", "--repeats", "3",
        "--out", copy.toString(), "--device", "cpu", "--cores", "2");
    assertEquals(0, same.code(), same.err());
    assertTrue(same.out().contains("36 record(s) from records.json were written back to records/"), same.out());
    assertTrue(same.out().contains("36 runs, 36 already recorded, 0 to train"), same.out());
    assertEquals(36, SweepStore.recordFiles(copy).size());

    Result more = Cli.run(new SweepCommand(s -> fake), "hyperparams/study.yaml", "--repeats", "4",
        "--out", copy.toString(), "--device", "cpu", "--cores", "2");
    assertEquals(0, more.code(), more.err());
    assertTrue(more.out().contains("48 runs, 36 already recorded, 12 to train"), more.out());
    assertEquals(12, fake.calls().size());
    assertEquals(48, recordsJsonSize(copy));
  }
}
