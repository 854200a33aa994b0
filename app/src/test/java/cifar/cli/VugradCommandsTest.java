package cifar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code cifar vugrad ...} commands, run in-process. */
class VugradCommandsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void trainPrintsEveryEpoch() {
    assertEquals(0, run("vugrad", "train", "--activation", "relu", "--epochs", "2", "--seed", "3"), err.toString());
    String text = out.toString();
    assertTrue(text.contains("60000 training, 10000 validation"), text);
    assertTrue(text.contains("epoch 001") && text.contains("epoch 002") && !text.contains("epoch 003"), text);
    assertTrue(text.contains("validation accuracy 0.9"), text);
  }

  @Test
  void gradcheckPassesAndPrintsATable() {
    assertEquals(0, run("vugrad", "gradcheck", "--seeds", "1"), err.toString());
    assertTrue(out.toString().contains("Divide") && out.toString().contains("all "), out.toString());
  }

  @Test
  void compareWritesItsFiles() {
    Path target = dir.resolve("study");
    int code =
        run("vugrad", "compare", "--activations", "sigmoid,relu", "--repeats", "2", "--epochs", "1", "--out", target.toString());
    assertEquals(0, code, err.toString());
    assertTrue(Files.isRegularFile(target.resolve("runs.csv")));
    assertTrue(Files.isRegularFile(target.resolve("accuracy.png")));
    assertTrue(out.toString().contains("±"), out.toString());
  }

  @Test
  void badInputIsOneLineAndExitCode2() {
    assertEquals(2, run("vugrad", "train", "--dataset", "mnist", "--data-dir", dir.resolve("none").toString()));
    assertTrue(err.toString().startsWith("error: ") && err.toString().contains("--download"), err.toString());
    assertEquals(2, run("vugrad", "train", "--epochs", "0"));
    assertTrue(err.toString().contains("epochs must be at least 1"), err.toString());
    assertEquals(2, run("vugrad", "train", "--activation", "swish"));
    assertTrue(err.toString().contains("unknown activation 'swish'"), err.toString());
    assertEquals(2, run("vugrad", "compare", "--repeats", "0", "--out", dir.resolve("c").toString()));
    assertTrue(err.toString().contains("--repeats: value '0' must be at least 1"), err.toString());
  }
}
