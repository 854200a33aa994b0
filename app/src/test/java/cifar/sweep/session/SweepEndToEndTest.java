package cifar.sweep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.cli.Main;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.training.RunStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cifar sweep} on the real trainer and a tiny generated data set. */
class SweepEndToEndTest {
  @TempDir Path tmp;

  @Test
  void sweepTrainsEveryRunAndWritesTheTableAndPlots() throws Exception {
    Path data = TinyCifar.write(tmp.resolve("data"), 100, 200);
    Path file = tmp.resolve("tiny.yaml");
    Files.writeString(file, """
        name: tiny
        reference_accuracy: 0.62
        baseline: {epochs: 2, lr: 0.01}
        runs:
          - name: baseline
            reported: 0.62
          - name: diverges
            set: {lr: 1000}
        grids:
          - name: act
            grid: {fc_activation: [tanh]}
        """);
    Path out = tmp.resolve("runs/tiny");
    int code = Main.commandLine().execute("sweep", file.toString(), "--data-dir", data.toString(),
        "--out", out.toString(), "--device", "cpu");
    assertEquals(0, code, "ok and diverged runs are results");

    MergedRecords m = SweepTesting.records(out);
    assertEquals(3, m.records().size());
    RunRecord baseline = m.records().values().stream().filter(r -> r.name().equals("baseline")).findFirst().orElseThrow();
    assertEquals(RunStatus.OK, baseline.status());
    assertEquals(2, baseline.epochs().size());
    assertTrue(baseline.testAccuracy() > 0.3, "learns the colours: " + baseline.testAccuracy());
    assertTrue(baseline.imagesPerSecond() > 0);
    RunRecord diverged = m.records().values().stream().filter(r -> r.name().equals("diverges")).findFirst().orElseThrow();
    assertEquals(RunStatus.DIVERGED, diverged.status());

    // every run keeps its model, and evaluate finds it by name and seed
    assertTrue(Files.isRegularFile(out.resolve("models").resolve(baseline.id()).resolve("model.params")));
    assertTrue(Files.notExists(out.resolve("checkpoints").resolve(baseline.id())),
        "finished runs leave no checkpoints");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.commandLine().execute("evaluate", "--sweep", out.toString(), "--name",
          "baseline", "--seed", "1", "--data-dir", data.toString(), "--device", "cpu"));
      assertEquals(2, Main.commandLine().execute("evaluate", "--sweep", out.toString(), "--name",
          "baselin", "--data-dir", data.toString()));
      // and predict classifies an image of any size with the model the sweep kept
      BufferedImage photo = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
      Path image = tmp.resolve("photo.png");
      ImageIO.write(photo, "png", image.toFile());
      assertEquals(0, Main.commandLine().execute("predict", "--sweep", out.toString(), "--name",
          "baseline", "--seed", "1", image.toString(), "--device", "cpu"));
    } finally {
      System.setOut(console);
    }
    String evaluated = printed.toString(StandardCharsets.UTF_8);
    assertTrue(evaluated.contains(tmp.resolve("photo.png") + ": "), evaluated);
    assertTrue(evaluated.contains(String.format(Locale.ROOT,
        "test images: %.1f %%", 100 * baseline.testAccuracy())), evaluated);

    String md = Files.readString(out.resolve("results.md"));
    assertTrue(md.contains("| baseline | — |") && md.contains("| diverges | lr=1000 |")
        && md.contains("| act/fc_activation=tanh | fc_activation=tanh |"), md);
    assertEquals(4, Files.readAllLines(out.resolve("results.csv")).size());
    String page = Files.readString(out.resolve("report.html")); // written by every sweep
    assertTrue(page.contains("<table id=\"results\"") && page.contains("<svg"), "report.html");
    for (String png : List.of("accuracy.png", "accuracy-per-epoch.png")) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertTrue(img.getWidth() > 500 && img.getHeight() > 300, png);
    }
  }
}
