package cifar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cifar.EnvironmentDependent;
import cifar.data.CifarSplit;
import cifar.training.ColourData;
import cifar.json.Json;
import cifar.provenance.BuildInfo;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir static Path data;

  /** Writes the official binary layout: one label byte and 3072 pixel bytes per record. */
  @BeforeAll
  static void writeData() throws IOException {
    for (int b = 1; b <= 5; b++) {
      write(data.resolve("data_batch_" + b + ".bin"), ColourData.split(120, b));
    }
    write(data.resolve("test_batch.bin"), ColourData.split(100, 9));
  }

  private static void write(Path file, CifarSplit split) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < split.size(); i++) {
      out.write(split.labels()[i]);
      out.write(split.pixels(), i * CifarSplit.IMAGE_BYTES, CifarSplit.IMAGE_BYTES);
    }
    Files.write(file, out.toByteArray());
  }

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void aTrainingKilledBetweenEpochsResumesToTheBitsOfAnUninterruptedOne(@TempDir Path tmp)
      throws Exception {
    String[] recipe = {"--data-dir", data.toString(), "--device", "cpu", "--threads", "1",
        "--epochs", "4", "--set", "dropout=0.2"};
    Path killed = tmp.resolve("killed");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "cifar.cli.Main",
        "train", "--out", killed.toString()));
    cmd.addAll(List.of(recipe));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path first = killed.resolve("checkpoint").resolve("epoch-1.json");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(first) || !Files.exists(killed.resolve("metrics.json"))) {
      assertTrue(p.isAlive(), "ended before its first checkpoint: "
          + Files.readString(tmp.resolve("killed.log")));
      assertTrue(System.nanoTime() < deadline, "no checkpoint after 2 minutes");
      Thread.sleep(5);
    }
    p.destroyForcibly().waitFor();
    JsonObject before = Json.parseStrict(Files.readString(killed.resolve("metrics.json")))
        .getAsJsonObject();
    assertEquals("running", before.get("status").getAsString(), "killed before the end");

    Outcome resumed = run("train", "--resume", killed.toString(), "--data-dir", data.toString(),
        "--device", "cpu", "--threads", "1");
    assertEquals(0, resumed.code(), resumed.err() + resumed.out());
    assertTrue(resumed.out().contains("resuming from the checkpoint of epoch"), resumed.out());
    Path whole = tmp.resolve("whole");
    List<String> args = new ArrayList<>(List.of("train", "--out", whole.toString()));
    args.addAll(List.of(recipe));
    Outcome uninterrupted = run(args.toArray(new String[0]));
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    assertArrayEquals(Files.readAllBytes(whole.resolve("model.params")),
        Files.readAllBytes(killed.resolve("model.params")), "parameters differ");
    JsonObject a = Json.parseStrict(Files.readString(whole.resolve("metrics.json"))).getAsJsonObject();
    JsonObject b = Json.parseStrict(Files.readString(killed.resolve("metrics.json"))).getAsJsonObject();
    assertEquals("ok", b.get("status").getAsString());
    assertEquals(4, b.getAsJsonArray("epochs").size());
    for (int e = 0; e < 4; e++) {
      for (String key : List.of("train_loss", "train_accuracy", "test_accuracy")) {
        assertEquals(a.getAsJsonArray("epochs").get(e).getAsJsonObject().get(key),
            b.getAsJsonArray("epochs").get(e).getAsJsonObject().get(key), key + " of epoch " + (e + 1));
      }
    }
    assertEquals(a.get("per_class_accuracy"), b.get("per_class_accuracy"));
    assertFalse(Files.exists(killed.resolve("checkpoint")), "removed when the run ended");
    Outcome again = run("train", "--resume", killed.toString(), "--data-dir", data.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("no checkpoint"), again.err());
  }

  @Test
  void trainWritesARunDirectoryThatEvaluateReadsBack(@TempDir Path tmp) throws IOException {
    Path config = tmp.resolve("arch.yaml");
    Files.writeString(config, "conv_channels: [8, 16]\nfc_units: [64]\n");
    Path runDir = tmp.resolve("runs/one");
    Outcome train = run("train", "--data-dir", data.toString(), "--device", "cpu",
        "--config", config.toString(), "--epochs", "2", "--lr", "0.003",
        "--set", "batch_size=4", "--out", runDir.toString());
    assertEquals(0, train.code(), train.err() + train.out());
    for (String f : new String[] {"config.yaml", "metrics.json", "per_class.csv", "model.params",
        "train.log"}) {
      assertTrue(Files.isRegularFile(runDir.resolve(f)), f + " missing");
    }
    String yaml = Files.readString(runDir.resolve("config.yaml"));
    assertTrue(yaml.contains("conv_channels: [8, 16]") && yaml.contains("epochs: 2"), yaml);
    JsonObject metrics = Json.parseStrict(Files.readString(runDir.resolve("metrics.json")))
        .getAsJsonObject();
    assertEquals("ok", metrics.get("status").getAsString());
    JsonObject provenance = metrics.getAsJsonObject("provenance");
    assertEquals(BuildInfo.gitCommit(), provenance.get("git_commit").getAsString());
    assertEquals("cpu", provenance.get("flavor").getAsString());
    assertEquals(1, provenance.get("threads").getAsInt());
    assertTrue(provenance.has("finished_at") && !provenance.get("finished_at").isJsonNull());
    assertTrue(metrics.getAsJsonObject("per_class_accuracy").has("airplane"), metrics.toString());
    assertEquals(2, metrics.getAsJsonArray("epochs").size());
    double accuracy = metrics.get("test_accuracy").getAsDouble();
    assertTrue(accuracy > 0.3, "test accuracy " + accuracy);
    assertTrue(train.out().contains("Accuracy for class: airplane"), train.out());
    assertTrue(Files.readString(runDir.resolve("train.log")).contains("epoch 2/2"));
    assertEquals(11, Files.readAllLines(runDir.resolve("per_class.csv")).size());

    Outcome eval = run("evaluate", "--run", runDir.toString(), "--data-dir", data.toString(),
        "--device", "cpu");
    assertEquals(0, eval.code(), eval.err());
    String expected = String.format(Locale.ROOT, "test images: %.1f %%", 100 * accuracy);
    assertTrue(eval.out().contains(expected), eval.out() + " should contain " + expected);
  }

  @Test
  void anOutDirectoryThatHoldsARunIsRefusedUnlessForced(@TempDir Path tmp) throws IOException {
    Path runDir = tmp.resolve("r");
    Files.createDirectories(runDir); // an empty directory is fine
    String[] quick = {"train", "--data-dir", data.toString(), "--device", "cpu", "--epochs", "1",
        "--train-limit", "40", "--test-limit", "20", "--out", runDir.toString()};
    Outcome first = run(quick);
    assertEquals(0, first.code(), first.err() + first.out());
    byte[] model = Files.readAllBytes(runDir.resolve("model.params"));
    String log = Files.readString(runDir.resolve("train.log"));

    Outcome again = run(quick);
    assertEquals(2, again.code(), again.out());
    assertEquals("error: --out " + runDir + " already holds a run (config.yaml, metrics.json,"
        + " model.params): choose another directory, or add --force to replace that run",
        again.err().trim());
    assertTrue(again.out().isEmpty(), "refused before any training: " + again.out());
    assertArrayEquals(model, Files.readAllBytes(runDir.resolve("model.params")));
    assertEquals(log, Files.readString(runDir.resolve("train.log")));

    Files.delete(runDir.resolve("metrics.json"));
    Files.delete(runDir.resolve("config.yaml"));
    Outcome paramsOnly = run(quick);
    assertTrue(paramsOnly.code() == 2 && paramsOnly.err().contains("(model.params)"), paramsOnly.err());

    String[] forced = java.util.Arrays.copyOf(quick, quick.length + 1);
    forced[quick.length] = "--force";
    Outcome replaced = run(forced);
    assertEquals(0, replaced.code(), replaced.err() + replaced.out());
    assertTrue(Files.isRegularFile(runDir.resolve("config.yaml")));
    String newLog = Files.readString(runDir.resolve("train.log"));
    assertEquals(1, newLog.split("epoch 1/1", -1).length - 1, "the old run's log is gone: " + newLog);
  }

  @Test
  void threadsBelowOneAreBadArgumentsForTrainAndEvaluate(@TempDir Path tmp) {
    for (String n : new String[] {"0", "-1"}) {
      Outcome train = run("train", "--data-dir", data.toString(), "--device", "cpu", "--threads", n,
          "--out", tmp.resolve("r").toString());
      assertEquals(2, train.code(), train.out());
      assertEquals("error: --threads: value '" + n + "' must be at least 1", train.err().trim());
      Outcome eval = run("evaluate", "--data-dir", data.toString(), "--threads", n,
          "--run", tmp.resolve("r").toString());
      assertEquals(2, eval.code(), eval.out());
      assertEquals("error: --threads: value '" + n + "' must be at least 1", eval.err().trim());
    }
    assertFalse(Files.exists(tmp.resolve("r")), "nothing trained or written");
  }

  @EnvironmentDependent
  @Test
  void aGpuThatIsNotThereExitsWithCode2AndSaysWhy(@TempDir Path tmp) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ai.djl.engine.Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
    Outcome r = run("train", "--data-dir", data.toString(), "--device", "gpu",
        "--out", tmp.resolve("r").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--device gpu") && r.err().contains("0 GPUs"), r.err());
  }

  @Test
  void gpusWithTheCpuOrMoreGpusThanThereAreExitWithCode2(@TempDir Path tmp) {
    Outcome cpu = run("train", "--data-dir", data.toString(), "--device", "cpu", "--gpus", "2",
        "--out", tmp.resolve("r").toString());
    assertEquals(2, cpu.code());
    assertTrue(cpu.err().contains("--gpus 2 cannot be combined with --device cpu"), cpu.err());
    int seen = ai.djl.engine.Engine.getInstance().getGpuCount();
    Outcome many = run("evaluate", "--data-dir", data.toString(), "--gpus", "" + (seen + 1),
        "--run", tmp.resolve("r").toString());
    assertEquals(2, many.code());
    assertTrue(many.err().contains("--gpus " + (seen + 1) + ": DJL sees " + seen), many.err());
    assertFalse(Files.exists(tmp.resolve("r")), "nothing written");
  }

  @Test
  void aMissingDataDirectoryExitsWithCode2AndWritesNoRun(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-dir");
    Outcome r = run("train", "--data-dir", missing.toString(), "--out", tmp.resolve("r").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(missing + " does not exist"), r.err());
    assertFalse(Files.exists(tmp.resolve("r")), "no half-made run directory");
  }

  @Test
  void aBadKeyInTheConfigFileNamesFileAndKey(@TempDir Path tmp) throws IOException {
    Path config = tmp.resolve("bad.yaml");
    Files.writeString(config, "conv_chanels: [8, 16]\n");
    Outcome r = run("train", "--data-dir", data.toString(), "--config", config.toString(),
        "--out", tmp.resolve("r").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(config.toString()) && r.err().contains("conv_chanels")
        && r.err().contains("did you mean 'conv_channels'"), r.err());
  }

  @Test
  void infoChecksThreadsAsTrainDoes() {
    Outcome r = run("info", "--threads", "0");
    assertEquals(2, r.code(), r.out());
    assertEquals("error: --threads: value '0' must be at least 1", r.err().trim());
  }

  @Test
  void infoNamesVersionsNativesAndThreads() {
    Outcome r = run("info");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("PyTorch 2.7.1") && r.out().contains("native libraries:")
        && r.out().contains("intra-op"), r.out());
  }

  @Test
  void infoNamesTheCpuFlavorOfTheBundledLibtorchFromWhatWasLoaded() {
    // The tests load the CPU libtorch of pytorch-native-cpu, unless told to load another.
    assumeTrue(System.getenv("PYTORCH_LIBRARY_PATH") == null, "PYTORCH_LIBRARY_PATH is set");
    Outcome r = run("info");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.contains("flavor:           cpu"), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("flavor evidence:  no CUDA library of")
        && l.endsWith("DJL's flavor: cpu")), r.out());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("flavor warning:")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(
        "natives source:   CPU libtorch bundled in this jar (pytorch-native-cpu, ")), r.out());
  }
}
