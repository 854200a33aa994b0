package cifar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.sweep.FakeExecutor;
import cifar.sweep.Overrides;
import cifar.sweep.RecordJson;
import cifar.sweep.Shard;
import cifar.sweep.SweepPlan;
import cifar.sweep.SweepTesting;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path tmp;

  private SweepReport threeSeedsWithAFailedConfig() {
    SweepPlan plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(3, null, null, null));
    SweepTesting.run(plan, tmp, Shard.ALL, new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0), 1, false);
    return SweepReport.of(tmp, List.of());
  }

  private static ResultRow row(SweepReport r, String name) {
    return r.rows().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void rowsAreMeanAndStdOverSeedsWithDeltas() {
    SweepReport report = threeSeedsWithAFailedConfig();
    assertEquals(List.of("baseline", "lr-0.002", "lr-huge", "tanh", "sigmoid"),
        report.rows().stream().map(ResultRow::name).toList());
    ResultRow base = row(report, "baseline");
    // the double's accuracy after 3 epochs: 0.3 + 0.15 + 0.001 * seed + lr, seeds 1..3
    assertEquals(3, base.n());
    assertEquals(0.453, base.mean(), 1e-12);
    assertEquals(0.001, base.std(), 1e-12);
    assertTrue(base.isBaseline());
    assertEquals(0.453 - 0.62, base.deltaReference(), 1e-12);
    assertEquals(0.62, base.reported());
    assertEquals("ok", base.status());
    assertEquals(3, base.testAccuracyPerEpoch().size());
    assertEquals(0.3 + 0.05 + 0.002 + 0.001, base.testAccuracyPerEpoch().get(0), 1e-12);

    ResultRow lr = row(report, "lr-0.002");
    assertEquals(0.001, lr.deltaBaseline(), 1e-12);
    assertEquals("lr=0.002", lr.changes());

    ResultRow huge = row(report, "lr-huge");
    assertEquals("diverged 3", huge.status());
    assertEquals(0.3 + 0.05 + 0.002 + 0.5, huge.mean(), 1e-12, "a diverged run counts with its last good epoch");

    ResultRow tanh = row(report, "tanh");
    assertEquals(0, tanh.n());
    assertTrue(Double.isNaN(tanh.mean()));
    assertEquals("failed 3", tanh.status());
  }

  @Test
  void missingRunsAreCountedAndListed() {
    SweepPlan plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(2, null, null, null));
    SweepTesting.run(plan, tmp, new Shard(1, 2, "t"), new FakeExecutor(), 1, false);
    SweepReport report = SweepReport.of(tmp, List.of());
    int missing = report.merged().missing().size();
    assertEquals(5, missing);
    assertEquals(10, report.rows().stream().mapToInt(ResultRow::planned).sum());
    assertEquals(5, report.rows().stream().mapToInt(ResultRow::n).sum());
    assertTrue(report.rows().stream().anyMatch(r -> r.status().contains("missing")));
    assertTrue(report.markdown().contains("**Missing runs (5)**"), report.markdown());
    report.merged().missing().forEach(p -> assertTrue(report.markdown().contains("`" + p.id() + "`")));
  }

  @Test
  void writesMarkdownCsvRecordsAndPlots() throws Exception {
    SweepReport report = threeSeedsWithAFailedConfig();
    Path out = tmp.resolve("report");
    report.write(out);

    String md = Files.readString(out.resolve(SweepReport.MARKDOWN));
    assertTrue(md.contains("| baseline | — | 45.3 ± 0.1 (3) | (baseline) | -16.7 | 62.0 | 3 |"), md);
    assertTrue(md.contains("| lr-0.002 | lr=0.002 | 45.4 ± 0.1 (3) | +0.1 | -16.6 | 61.0 | 3 |"), md);
    assertTrue(md.contains("| tanh | fc_activation=tanh | — | — | — | — | 3 |"), md);

    List<String> csv = Files.readAllLines(out.resolve(SweepReport.CSV));
    assertEquals(CsvReport.HEADER, csv.get(0));
    assertEquals(6, csv.size());
    assertTrue(csv.get(1).startsWith("\"baseline\",\"\",") && csv.get(1).contains(",3,3,45.30,0.10,0.00,-16.70,62.0,3,"), csv.get(1));

    assertEquals(15, RecordJson.readAll(Files.readString(out.resolve(SweepReport.RECORDS))).size());

    for (String png : List.of(Plots.ACCURACY, Plots.EPOCHS)) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertEquals(1100, img.getWidth(), png);
      assertEquals(650, img.getHeight(), png);
      assertTrue(distinctColours(img) > 5, png + " has a drawing on it");
    }
  }

  private static long distinctColours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
