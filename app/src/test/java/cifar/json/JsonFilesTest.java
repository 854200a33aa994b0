package cifar.json;

import cifar.ProjectFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.provenance.BuildInfo;
import cifar.report.SweepReport;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RecordJson;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.StoredSweep;
import cifar.sweep.store.SweepStore;
import cifar.training.CnnEstimator;
import cifar.training.RunStatus;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JSON file a sweep writes is strict JSON in one style, and old files still read. */
class JsonFilesTest {
  /** The study's results as published on 2026-11-26, in format 1 (kept as a test resource). */
  private static final Path FORMAT_1 = Path.of("src", "test", "resources", "format1", "study");
  /** The study's results published now, in format 2. */
  private static final Path PUBLISHED = ProjectFiles.path("docs", "results", "study");

  @Test
  void everyFileOfASweepIsStrictJsonWithAFormatAndNoNaN(@TempDir Path dir) throws IOException {
    var plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(2, null, null, null));
    SweepTesting.run(plan, dir, Shard.ALL, new FakeExecutor(), 2, false);
    SweepReport.of(dir, List.of(), CnnEstimator.CNN).write(dir);

    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).toList();
    }
    // sweep.json, records.json, results.json and the 10 records
    assertEquals(3 + 10, files.size(), files.toString());
    for (Path f : files) {
      String text = Files.readString(f);
      JsonElement e = Json.parseStrict(text); // throws on NaN, comments, trailing text
      assertTrue(e.getAsJsonObject().get("format").getAsInt() >= 1, f.toString());
      assertFalse(text.matches("(?s).*:\\s*-?(NaN|Infinity).*"), f + " holds a non-number");
    }
  }

  @Test
  void recordsUseLowercaseStatusesClassNamesAndProvenance(@TempDir Path dir) throws IOException {
    var plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(1, null, null, null));
    SweepTesting.run(plan, dir, Shard.ALL, new FakeExecutor(), 1, false);
    MergedRecords merged = SweepTesting.records(dir);
    RunRecord diverged = merged.records().values().stream()
        .filter(r -> r.status() == RunStatus.DIVERGED).findFirst().orElseThrow();
    JsonObject o = Json.parseStrict(Files.readString(
        dir.resolve(SweepStore.RECORDS).resolve(diverged.id() + ".json"))).getAsJsonObject();
    assertEquals("diverged", o.get("status").getAsString());
    JsonObject p = o.getAsJsonObject("provenance");
    assertEquals(BuildInfo.gitCommit(), p.get("git_commit").getAsString());
    assertEquals("test-host", p.get("host").getAsString());
    assertTrue(p.get("cores").getAsInt() >= 1);
    assertFalse(p.get("cpu_model").getAsString().isBlank());

    RunRecord ok = merged.records().values().stream()
        .filter(r -> r.status() == RunStatus.OK).findFirst().orElseThrow();
    JsonObject perClass = Json.parseStrict(RecordJson.write(ok)).getAsJsonObject()
        .getAsJsonObject("per_class_accuracy");
    assertEquals(10, perClass.size());
    assertTrue(perClass.has("airplane") && perClass.has("truck"), perClass.toString());
    assertEquals(ok, RecordJson.read(RecordJson.write(ok))); // the round trip loses nothing
    assertEquals(FakeExecutor.confusion(ok.config()), ok.confusion());
    assertEquals(10, Json.parseStrict(RecordJson.write(ok)).getAsJsonObject()
        .getAsJsonArray("confusion").get(9).getAsJsonArray().size());
  }

  @Test
  void aFormatTwoRecordWithoutAConfusionMatrixStillReads(@TempDir Path dir) throws IOException {
    var plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(1, null, null, null));
    SweepTesting.run(plan, dir, Shard.ALL, new FakeExecutor(), 1, false);
    RunRecord ok = SweepTesting.records(dir).records().values().stream()
        .filter(r -> r.status() == RunStatus.OK).findFirst().orElseThrow();
    JsonObject o = Json.parseStrict(RecordJson.write(ok)).getAsJsonObject();
    o.remove("confusion"); // as written before runs recorded it
    RunRecord old = RecordJson.read(o.toString());
    assertEquals(List.of(), old.confusion());
    assertEquals(ok.perClassAccuracy(), old.perClassAccuracy());
    o.add("confusion", JsonNull.INSTANCE);
    assertEquals(List.of(), RecordJson.read(o.toString()).confusion());
  }

  @Test
  void aNanAccuracyIsWrittenAsNullAndReadBackAsNan(@TempDir Path dir) {
    var plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(1, null, null, null));
    SweepTesting.run(plan, dir, Shard.ALL,
        new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0), 1, false);
    RunRecord failed = SweepTesting.records(dir).records().values().stream()
        .filter(r -> r.status() == RunStatus.FAILED).findFirst().orElseThrow();
    assertTrue(Double.isNaN(failed.testAccuracy()));
    JsonObject o = Json.parseStrict(RecordJson.write(failed)).getAsJsonObject();
    assertTrue(o.get("test_accuracy").isJsonNull());
    assertTrue(Double.isNaN(RecordJson.read(RecordJson.write(failed)).testAccuracy()));
  }

  @Test
  void thePublishedRecordsOfFormatOneStillRead() throws IOException {
    List<RunRecord> records = RecordJson.readAll(Files.readString(FORMAT_1.resolve("records.json")));
    assertEquals(36, records.size());
    RunRecord first = records.get(0);
    assertEquals("ea9194e0dec8", first.id());
    assertEquals(0.6055, first.testAccuracy());
    assertEquals(10, first.perClassAccuracy().size());
    assertEquals(0.737, first.perClassAccuracy().get(0)); // airplane: format 1 held an array
    assertEquals(RunStatus.OK, first.status());
    assertEquals(5, first.epochs().size());
    assertNull(first.validationAccuracy(), "made before validation splits: none");
    assertNull(first.epochs().get(0).validationAccuracy());
    assertEquals("unknown", first.provenance().gitCommit()); // format 1 named no commit
    assertTrue(first.provenance().finishedAt() != null);

    StoredSweep plan = new SweepStore(FORMAT_1).readPlan();
    assertEquals("study", plan.plan().name());
    assertEquals(36, plan.plan().runs().size());
    assertNull(plan.writtenBy());
    MergedRecords merged = MergedRecords.merge(plan, List.of(FORMAT_1));
    assertEquals(36, merged.records().size(), "without records/, records.json is read");
  }

  @Test
  void thePublishedResultsAreFormatTwoWithProvenance() throws IOException {
    List<RunRecord> records = RecordJson.readAll(Files.readString(PUBLISHED.resolve("records.json")));
    assertEquals(36, records.size());
    for (RunRecord r : records) {
      assertTrue(r.provenance().gitCommit().matches("[0-9a-f]{40}"), r.id());
      assertEquals(Boolean.FALSE, r.provenance().gitDirty(), r.id());
      assertEquals(1, r.provenance().threads(), r.id());
    }
    for (String f : List.of("records.json", "sweep.json", "results.json")) {
      JsonObject o = Json.parseStrict(Files.readString(PUBLISHED.resolve(f))).getAsJsonObject();
      assertTrue(o.get("format").getAsInt() >= 1, f);
    }
    assertTrue(new SweepStore(PUBLISHED).readPlan().writtenBy() != null, "sweep.json's provenance");
  }

  @Test
  void aNewerFormatIsRefusedNotMisread() {
    String future = "{\"format\": 99, \"sweep\": \"s\"}";
    JsonParseException e = assertThrows(JsonParseException.class, () -> RecordJson.read(future));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void strictParsingRefusesWhatLenientParsersAccept() {
    for (String bad : List.of("{\"a\": NaN}", "{a: 1}", "{\"a\": 1} x", "{\"a\": 1 // c\n}")) {
      assertThrows(RuntimeException.class, () -> Json.parseStrict(bad), bad);
    }
  }
}
