package cifar.vugrad.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.data.Synth;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.train.TrainSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
  @TempDir Path out;

  @Test
  void smallComparisonWritesEveryRowASummaryAndAReadablePlot() throws Exception {
    List<Activation> activations = List.of(Activation.SIGMOID, Activation.RELU);
    TrainSettings settings = new TrainSettings(Activation.SIGMOID, 8, 3, 64, 0.01, 10);
    CompareResult result;
    try (CompareFiles files = new CompareFiles(out)) {
      result = Compare.run(activations, 2, settings, seed -> Synth.load(2_000, 500, seed), files);
      files.writeSummary(result);
    }
    AccuracyPlot.save(result, out.resolve(CompareFiles.PLOT));

    List<String> rows = Files.readAllLines(out.resolve(CompareFiles.RUNS));
    assertEquals("activation,repeat,seed,epoch,validation_accuracy,running_loss", rows.get(0));
    assertEquals(1 + 2 * 2 * 3, rows.size(), "one row per activation, repeat and epoch");
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("relu,2,11,3,")), "repeat 2 runs with seed 11");
    for (String row : rows.subList(1, rows.size())) {
      double accuracy = Double.parseDouble(row.split(",")[4]);
      assertTrue(accuracy > 0.5 && accuracy <= 1, row);
    }

    List<String> summary = Files.readAllLines(out.resolve(CompareFiles.SUMMARY));
    assertEquals("epoch,sigmoid_mean,sigmoid_std,relu_mean,relu_std", summary.get(0));
    assertEquals(4, summary.size());
    MeanStd s = result.meanStd(1, 3);
    double[] accs = {result.accuracy()[1][0][2], result.accuracy()[1][1][2]};
    assertEquals((accs[0] + accs[1]) / 2, s.mean(), 1e-12);
    assertEquals(Math.abs(accs[0] - accs[1]) / 2, s.std(), 1e-12);

    BufferedImage png = ImageIO.read(out.resolve(CompareFiles.PLOT).toFile());
    assertNotNull(png, "a PNG that ImageIO can read");
    assertEquals(800, png.getWidth());
    assertEquals(500, png.getHeight());
    String table = SummaryTable.format(result);
    assertTrue(table.contains("±") && table.contains("relu"), table);
  }

  @Test
  void statsAreNumpysMeanAndStd() {
    MeanStd s = MeanStd.of(new double[] {1, 2, 3, 4});
    assertEquals(2.5, s.mean(), 1e-15);
    assertEquals(Math.sqrt(1.25), s.std(), 1e-15);
  }
}
