package cifar.cli;

import cifar.ProjectFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.json.Json;
import cifar.provenance.BuildInfo;
import cifar.report.SweepReport;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.training.CnnEstimator;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line as scripts use it: JSON, tables on standard output, help, environment. */
class ScriptingTest {
  @TempDir Path tmp;

  private static List<CommandLine> commands(CommandLine cli) {
    List<CommandLine> all = new ArrayList<>(List.of(cli));
    cli.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(commands(sub)));
    return all;
  }

  @Test
  void everyCommandsHelpListsItsExitCodes() {
    for (CommandLine c : commands(Main.commandLine())) {
      String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(help.contains("Exit codes:\n  0   "), c.getCommandSpec().qualifiedName() + ":\n" + help);
    }
  }

  @Test
  void everyOptionValueHasAnUppercasePlaceholder() {
    List<String> lower = new ArrayList<>();
    for (CommandLine c : commands(Main.commandLine())) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        if (o.arity().max() > 0 && !o.paramLabel().matches("[A-Z][A-Z=/]*")) {
          lower.add(c.getCommandSpec().qualifiedName() + " " + o.longestName() + "=" + o.paramLabel());
        }
      }
    }
    assertEquals(List.of(), lower);
  }

  @Test
  void theHelpOfTheOptionsPeopleSetPerMachineNamesTheirVariables() {
    CommandLine cli = Main.commandLine();
    String train = cli.getSubcommands().get("train").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertTrue(train.contains("$CIFAR_DATA_DIR") && train.contains("$CIFAR_DEVICE")
        && train.contains("$CIFAR_RUNS_DIR"), train);
    String sweep = cli.getSubcommands().get("sweep").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertTrue(sweep.contains("$CIFAR_DATA_DIR") && sweep.contains("$CIFAR_DEVICE")
        && sweep.contains("$CIFAR_RUNS_DIR"), sweep);
    String evaluate = cli.getSubcommands().get("evaluate").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertTrue(evaluate.contains("Where evaluate runs the network"), evaluate);
    assertFalse(evaluate.contains("Train data-parallel"), "evaluate's help talks of training: " + evaluate);
    assertEquals(Path.of("runs"), Environment.runsDir(Map.of()));
    assertEquals(Path.of("/scratch/runs"), Environment.runsDir(Map.of("CIFAR_RUNS_DIR", "/scratch/runs")));
  }

  /** Runs the command line in a new JVM with {@code env} added to the environment. */
  private static Cli.Result inNewJvm(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Cli.Result(p.exitValue(), out, err);
  }

  @Test
  void theEnvironmentSetsTheDeviceAndTheDataDirectory() throws Exception {
    Cli.Result device = inNewJvm(Map.of("CIFAR_DEVICE", "tpu"), "predict", "--run",
        tmp.toString(), "x.png");
    assertEquals(2, device.code(), device.err());
    assertTrue(device.err().contains("--device: value 'tpu'"), device.err());
    Path nowhere = tmp.resolve("no-data");
    Cli.Result data = inNewJvm(Map.of("CIFAR_DATA_DIR", nowhere.toString(), "CIFAR_DEVICE", "cpu"),
        "train", "--epochs", "1", "--out", tmp.resolve("run").toString());
    assertEquals(2, data.code(), data.err());
    assertTrue(data.err().contains(nowhere.toString()), data.err());
  }

  private Path sweep() throws IOException {
    Path dir = tmp.resolve("five");
    SweepTesting.run(SweepTesting.plan(SweepTesting.FIVE, new Overrides(2, null, null, null)), dir,
        Shard.ALL, new FakeExecutor(), 1, false);
    SweepReport.of(dir, List.of(), CnnEstimator.CNN).write(dir);
    return dir;
  }

  @Test
  void reportPrintsOnlyTheTableInTheFormatAskedAndWritesNothing() throws IOException {
    Path dir = sweep();
    Path other = tmp.resolve("elsewhere");
    for (String[] f : new String[][] {{"csv", SweepReport.CSV}, {"json", SweepReport.JSON},
        {"md", SweepReport.MARKDOWN}}) {
      Cli.Result r = Cli.run(Main.commandLine(), "report", dir.toString(), "--format", f[0],
          "--out", other.toString());
      assertEquals(0, r.code(), r.err());
      String file = Files.readString(dir.resolve(f[1]));
      // results.md ends with the records count that guards it against shrinking
      assertTrue(file.startsWith(r.out()) && (file.equals(r.out()) || f[0].equals("md")
          && file.substring(r.out().length()).strip().startsWith("<!-- records:")), f[0]);
      assertTrue(r.out().length() > 200, f[0] + ": " + r.out());
    }
    assertFalse(Files.exists(other), "--format writes no file");
    Cli.Result bad = Cli.run(Main.commandLine(), "report", dir.toString(), "--format", "xls");
    assertEquals(2, bad.code());
  }

  @Test
  void aDryRunListsAsJsonWithFullConfigsAndWhatIsRecorded() throws IOException {
    Path dir = sweep();
    Path file = Files.writeString(tmp.resolve("five.yaml"), SweepTesting.FIVE);
    Cli.Result r = Cli.run(new SweepCommand(), file.toString(), "--repeats", "3", "--out",
        dir.toString(), "--dry-run", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = Json.parseStrict(r.out()).getAsJsonObject();
    assertEquals(15, doc.get("runs_in_sweep").getAsInt());
    assertEquals(5, doc.get("configs").getAsInt());
    assertEquals(5, doc.get("to_train").getAsInt(), "the third seeds are not recorded yet");
    JsonObject first = doc.getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals("ok", first.get("recorded").getAsString());
    assertEquals(3, first.getAsJsonObject("config").get("epochs").getAsInt());
    Cli.Result alone = Cli.run(new SweepCommand(), file.toString(), "--json");
    assertEquals(2, alone.code());
    assertTrue(alone.err().contains("--json lists the runs of --dry-run"), alone.err());
  }

  @Test
  void infoPrintsJson() {
    Cli.Result r = Cli.run(Main.commandLine(), "info", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = Json.parseStrict(r.out()).getAsJsonObject();
    assertEquals(1, doc.get("format").getAsInt());
    JsonObject engine = doc.getAsJsonObject("engine");
    assertTrue(engine.get("engine").getAsString().startsWith("PyTorch"), engine.toString());
    assertTrue(engine.get("cores").getAsInt() >= 1);
    assertTrue(engine.getAsJsonArray("gpus").isEmpty() || engine.get("cuda") != null);
    // The same flavor facts as the text: name, evidence and warning (null when none).
    assertTrue(engine.get("flavor").getAsString().matches("cpu|cu\\d+|cuda"), engine.toString());
    assertTrue(engine.get("flavor_evidence").getAsString().contains("DJL's flavor: "),
        engine.toString());
    assertTrue(engine.has("flavor_warning") && engine.has("natives_source"), engine.toString());
    assertEquals(BuildInfo.nativeClassifier(), engine.get("natives_classifier").getAsString());
  }

  @Test
  void theJarDeclaresNativeAccessForJna() throws IOException {
    String pom = Files.readString(ProjectFiles.path("app", "pom.xml"));
    assertTrue(pom.contains("<Enable-Native-Access>ALL-UNNAMED</Enable-Native-Access>"),
        "without it Java 22+ warns about JNA's restricted calls at every start");
  }
}
