package cifar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.report.stats.Verdict;
import cifar.report.table.Plots;
import cifar.report.table.ResultRow;
import cifar.report.table.TableColumns;
import cifar.report.table.TableFields;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.sweep.store.RecordJson;
import cifar.training.CnnEstimator;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class ReportTest {
  @TempDir Path tmp;

  private SweepReport threeSeedsWithAFailedConfig() {
    SweepPlan plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(3, null, null, null));
    SweepTesting.run(plan, tmp, Shard.ALL, new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0), 1, false);
    return SweepReport.of(tmp, List.of(), CnnEstimator.CNN);
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
    Shard half = new Shard(1, 2, "t");
    SweepTesting.run(plan, tmp, half, new FakeExecutor(), 1, false);
    SweepReport report = SweepReport.of(tmp, List.of(), CnnEstimator.CNN);
    int missing = report.merged().missing().size();
    // a shard holds whole groups of seeds: the other shard's runs are missing
    int trained = plan.shard(half).size();
    assertEquals(10 - trained, missing);
    assertEquals(10, report.rows().stream().mapToInt(ResultRow::planned).sum());
    assertEquals(trained, report.rows().stream().mapToInt(ResultRow::n).sum());
    assertTrue(report.rows().stream().anyMatch(r -> r.status().contains("missing")));
    assertTrue(report.markdown().contains("**Missing runs (" + missing + ")**"), report.markdown());
    report.merged().missing().forEach(p -> assertTrue(report.markdown().contains("`" + p.id() + "`")));
  }

  @Test
  void writesMarkdownCsvRecordsAndPlots() throws Exception {
    SweepReport report = threeSeedsWithAFailedConfig();
    Path out = tmp.resolve("report");
    report.write(out);

    String md = Files.readString(out.resolve(SweepReport.MARKDOWN));
    assertTrue(md.contains("| baseline | — | 3 | 45.3 ± 0.1 (n=3) | [45.1, 45.5] | (baseline) | — | — | — | -16.7 | 62.0 | — | 3 |"), md);
    // seeds 1..3 on both sides, 0.1 points apart: t = 0.001 / sqrt(2 * 0.001^2 / 3), df 4,
    // p 0.29 (scipy); Holm doubles it, second smallest of the table's three
    assertTrue(md.contains("| lr-0.002 | lr=0.002 | 3 | 45.4 ± 0.1 (n=3) | [45.2, 45.6] | +0.1 | [-0.1, +0.3] | 0.29 | 0.58 | -16.6 | 61.0 | no effect found | 3 |"), md);
    assertTrue(md.contains("| tanh | fc_activation=tanh | 3 | — | — | — | — | — | — | — | — | — | 3 |"), md);

    List<String> csv = Files.readAllLines(out.resolve(SweepReport.CSV));
    assertEquals(CsvReport.HEADER, csv.get(0));
    assertEquals(6, csv.size());
    assertTrue(csv.get(1).startsWith("\"baseline\",\"\",3,3,45.30,0.10,45.05,45.55,0.00,,,,,-16.70,62.00,,3,"), csv.get(1));

    assertEquals(15, RecordJson.readAll(Files.readString(out.resolve(SweepReport.RECORDS))).size());

    for (String png : List.of(Plots.ACCURACY, Plots.EPOCHS)) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertEquals(1100, img.getWidth(), png);
      // the accuracy plot grows with its longest upright label
      assertTrue(png.equals(Plots.ACCURACY) ? img.getHeight() > 450 : img.getHeight() == 650,
          png + " " + img.getHeight());
      assertTrue(distinctColours(img) > 5, png + " has a drawing on it");
    }
  }

  /** Baseline lr 0.01; the double's accuracy rises with lr, by 0.1 point per seed. */
  private static final String VERDICTS = """
      name: verdicts
      reference_accuracy: 0.62
      baseline: {epochs: 2, lr: 0.01}
      runs:
        - name: baseline
          reported: 0.62
        - name: up-as-the-study-saw
          set: {lr: 0.05}
          reported: 0.65
        - name: down-where-the-study-saw-up
          set: {lr: 0.001}
          reported: 0.66
        - name: too-small-to-tell
          set: {lr: 0.0105}
          reported: 0.60
        - name: same-as-the-study-saw
          set: {fc_activation: tanh}
          reported: 0.62
        - name: not-in-the-study
          set: {lr: 0.02}
      """;

  private SweepReport sweep(String yaml, int seeds) {
    SweepPlan plan = SweepTesting.plan(yaml, new Overrides(seeds, null, null, null));
    SweepTesting.run(plan, tmp, Shard.ALL, new FakeExecutor(), 1, false);
    return SweepReport.of(tmp, List.of(), CnnEstimator.CNN);
  }

  @Test
  void verdictsWeighOurHolmCorrectedDifferenceAgainstTheStudysSign() {
    SweepReport report = sweep(VERDICTS, 3);
    assertNull(row(report, "baseline").verdict());
    assertTrue(Double.isNaN(row(report, "baseline").p()), "the baseline is not compared with itself");
    assertEquals(Verdict.REPLICATED, row(report, "up-as-the-study-saw").verdict());
    assertEquals(Verdict.CONTRADICTED, row(report, "down-where-the-study-saw-up").verdict());
    ResultRow small = row(report, "too-small-to-tell");
    assertEquals(Verdict.NO_EFFECT_FOUND, small.verdict());
    // 0.05 points apart with a std of 0.1 on both sides
    assertTrue(small.p() > 0.05 && small.holmP() >= small.p(), small.p() + " " + small.holmP());
    ResultRow same = row(report, "same-as-the-study-saw");
    assertEquals(Verdict.NO_EFFECT_FOUND, same.verdict(), "identical seeds: p = 1");
    assertEquals(1, same.p());
    ResultRow notInStudy = row(report, "not-in-the-study");
    assertNull(notInStudy.verdict());
    assertTrue(notInStudy.holmP() < 0.05, "still compared, and counted in Holm's family");

    // Holm over the five comparisons: the smallest p times 5, each adjusted p at least its raw p
    double[] raw = report.rows().stream().mapToDouble(ResultRow::p).filter(Double::isFinite).toArray();
    assertEquals(5, raw.length);
    double smallest = Arrays.stream(raw).min().orElseThrow();
    assertEquals(Math.min(1, 5 * smallest),
        report.rows().stream().filter(r -> r.p() == smallest).findFirst().orElseThrow().holmP(), 1e-15);
    assertTrue(report.markdown().contains("| contradicted |") && report.markdown().contains("| replicated |"),
        report.markdown());
  }

  @Test
  void oneSeedGivesNoIntervalsNoTestsAndAsksForMoreSeeds() {
    SweepReport report = sweep(VERDICTS, 1);
    for (ResultRow r : report.rows()) {
      assertEquals(1, r.n());
      assertTrue(Double.isNaN(r.std()) && Double.isNaN(r.ciLow()) && Double.isNaN(r.deltaCiLow())
          && Double.isNaN(r.p()) && Double.isNaN(r.holmP()), r.name());
      assertEquals(r.isBaseline() || r.reported() == null ? null : Verdict.NEEDS_SEEDS, r.verdict(), r.name());
    }
    assertTrue(report.markdown().contains(
        "| up-as-the-study-saw | lr=0.05 | 1 | 45.1 (n=1) | — | +4.0 | — | — | — | -16.9 | 65.0 | needs ≥ 2 seeds |"),
        report.markdown());
    assertTrue(report.markdown().lines().filter(l -> l.startsWith("| ")).noneMatch(l -> l.contains("±")),
        "no std to show in the table");
    assertTrue(report.markdown().contains("Nothing could be tested"), report.markdown());
  }

  @Test
  void theAccuracyPlotOfOneSeedClaimsNoSpreadAndSaysN() {
    SweepReport report = sweep(VERDICTS, 1);
    CategoryChart chart = Plots.accuracyChart(report.rows(), 0.62);
    List<String> words = new ArrayList<>(chart.getSeriesMap().keySet());
    words.add(chart.getTitle());
    for (String w : words) {
      assertFalse(w.contains("±") || w.contains("std") || w.contains("CI"), w);
    }
    assertTrue(chart.getSeriesMap().get("this project").getXData().stream()
        .allMatch(x -> x.toString().endsWith(" (n=1)")), "n in every category's label");
  }

  @Test
  void theAccuracyPlotDrawsTheConfidenceIntervalAndSaysN() {
    SweepReport report = sweep(VERDICTS, 3);
    CategoryChart chart = Plots.accuracyChart(report.rows(), 0.62);
    assertTrue(chart.getTitle().contains("95% CI") && !chart.getTitle().contains("std"), chart.getTitle());
    var measured = chart.getSeriesMap().get("this project, 95% CI");
    ResultRow base = row(report, "baseline");
    assertEquals(100 * (base.ciHigh() - base.mean()), measured.getExtraValues().iterator().next().doubleValue(), 1e-9,
        "the error bar is the interval's half width");
    assertEquals("baseline (n=3)", measured.getXData().iterator().next());
  }

  @Test
  void markdownCsvAndJsonHaveTheSameColumns() throws Exception {
    SweepReport report = sweep(VERDICTS, 3);
    Path out = tmp.resolve("report");
    report.write(out);
    List<String> fields = TableFields.names();

    List<String> csv = Files.readAllLines(out.resolve(SweepReport.CSV));
    assertEquals(fields, List.of(csv.get(0).split(",")));
    for (String line : csv.subList(1, csv.size())) {
      assertEquals(fields.size(), line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length, line);
    }

    List<TableColumns.Column> columns = TableColumns.of("62.0%");
    assertEquals(fields, columns.stream().flatMap(c -> c.fields().stream()).toList(),
        "the Markdown columns show every field, in order");
    List<List<String>> md = Files.readAllLines(out.resolve(SweepReport.MARKDOWN)).stream()
        .filter(l -> l.startsWith("| ")).map(ReportTest::cells).toList();
    assertEquals(columns.stream().map(TableColumns.Column::header).toList(), md.get(0));
    assertEquals(report.rows().size() + 1, md.size());
    md.forEach(cells -> assertEquals(columns.size(), cells.size(), cells.toString()));

    String text = Files.readString(out.resolve(SweepReport.JSON));
    assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    JsonObject json = strictJson(text).getAsJsonObject();
    assertEquals(JsonReport.FORMAT, json.get("format").getAsInt());
    assertEquals("verdicts", json.get("sweep").getAsString());
    var rows = json.getAsJsonArray("rows");
    assertEquals(csv.size() - 1, rows.size());
    for (JsonElement r : rows) {
      assertEquals(fields, List.copyOf(r.getAsJsonObject().keySet()));
    }
    JsonObject baseline = rows.get(0).getAsJsonObject();
    assertTrue(baseline.get("p_value").isJsonNull() && baseline.get("verdict").isJsonNull());
    JsonObject up = rows.get(1).getAsJsonObject();
    assertEquals("replicated", up.get("verdict").getAsString());
    assertEquals(row(report, "up-as-the-study-saw").p(), up.get("p_value").getAsDouble());
    assertEquals(100 * row(report, "up-as-the-study-saw").deltaCiLow(), up.get("delta_ci_low_pct").getAsDouble(), 1e-12);
  }

  @Test
  void theStrictParserOfTheseTestsRefusesNaN() {
    assertThrows(JsonSyntaxException.class, () -> strictJson("{\"p\": NaN}"));
  }

  /** The cells of a Markdown table line (no escaped bars in these tests' names). */
  private static List<String> cells(String line) {
    return List.of(line.substring(2, line.length() - 2).split(" \\| ", -1));
  }

  /** Parses RFC 8259 JSON only: no NaN, no comments, nothing after the document. */
  private static JsonElement strictJson(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement tree = JsonParser.parseReader(reader);
    assertEquals(JsonToken.END_DOCUMENT, reader.peek());
    return tree;
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
