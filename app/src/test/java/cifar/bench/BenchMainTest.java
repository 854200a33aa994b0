package cifar.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmarks' own command line, run in-process; the product's does not know it. */
class BenchMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(CommandLine cli, String... args) {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** turns stops on a turn that is not whole batches, before it reads any data. */
  @Test
  void turnsNeedWholeBatches() {
    assertEquals(2, run(BenchMain.commandLine(), "turns", "--data-dir", "/nope", "--turn-images", "6"));
    assertTrue(err.toString().contains("--turn-images: value '6' is not a whole number of batches of 4"),
        err.toString());
  }

  /** vugrad --synthetic-only prints one line, the full synthetic epoch. */
  @Test
  void vugradSyntheticOnlyPrintsOneTiming() {
    assertEquals(0, run(BenchMain.commandLine(), "vugrad", "--synthetic-only", "--warmup", "0", "--repeats", "1"),
        err.toString());
    String[] lines = out.toString().strip().split("\\R");
    assertEquals(1, lines.length, out.toString());
    assertTrue(lines[0].matches("synthetic epoch \\(train \\+ validation\\).* median +[0-9.]+ ms wall.*"), lines[0]);
  }

  @Test
  void badInputIsOneLineAndExitCode2() {
    assertEquals(2, run(BenchMain.commandLine(), "vugrad", "--synthetic-only", "--repeats", "0"));
    assertTrue(err.toString().contains("--repeats: value '0' must be at least 1"), err.toString());
  }

  /** A benchmark's log names the build it timed. */
  @Test
  void versionNamesTheBuild() {
    assertEquals(0, run(BenchMain.commandLine(), "--version"), err.toString());
    assertTrue(out.toString().startsWith("cifar ") && out.toString().contains("DJL "), out.toString());
  }

  /** The benchmarks are not commands of the product. */
  @Test
  void theProductsCommandLineHasNoBenchmarks() {
    CommandLine product = Main.commandLine();
    for (String name : new String[] {"bench-turns", "bench-step", "turns", "step"}) {
      assertTrue(!product.getSubcommands().containsKey(name), name);
    }
    assertTrue(!product.getSubcommands().get("vugrad").getSubcommands().containsKey("bench"));
  }
}
