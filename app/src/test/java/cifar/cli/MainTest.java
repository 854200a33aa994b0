package cifar.cli;

import cifar.provenance.BuildInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void versionNamesTheDjlAndPytorchPinnedInThePom() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--version"));
    assertTrue(out.toString().contains("DJL " + BuildInfo.djlVersion()), out.toString());
    assertTrue(BuildInfo.djlVersion().matches("\\d+\\.\\d+\\.\\d+"), BuildInfo.djlVersion());
    assertTrue(BuildInfo.pytorchVersion().matches("\\d+\\.\\d+\\.\\d+"), BuildInfo.pytorchVersion());
    // The platform of the natives, as the pom's profile (or -Dcifar.native.classifier) chose it.
    assertTrue(out.toString().contains("natives for " + BuildInfo.nativeClassifier()), out.toString());
    assertTrue(BuildInfo.nativeClassifier().matches("(linux|osx|win)-(x86_64|aarch64)"),
        BuildInfo.nativeClassifier());
  }

  @Test
  void helpListsTheCommand() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    assertTrue(out.toString().contains("Usage: cifar"), out.toString());
  }

  @Test
  void userErrorsBecomeOneLineAndExitCodeTwo() {
    @CommandLine.Command(name = "fails")
    class Fails implements Runnable {
      @Override
      public void run() {
        throw new cifar.UserError("data dir '/nope' does not exist");
      }
    }
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().addSubcommand(new Fails());
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("fails"));
    assertTrue(err.toString().contains("error: data dir '/nope' does not exist"), err.toString());
    assertTrue(!err.toString().contains("at cifar."), "no stack trace: " + err);
  }
}
