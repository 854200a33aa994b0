package cifar.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.report.SweepReport;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Shard;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.training.CnnEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html as text, without a browser (ReportPageBrowserTest opens it in one). */
class ReportPageTest {
  @TempDir Path tmp;

  private String page(String yaml, int seeds) throws Exception {
    SweepTesting.run(SweepTesting.plan(yaml, new Overrides(seeds, null, null, null)), tmp,
        Shard.ALL, new FakeExecutor(), 2, false);
    SweepReport.of(tmp, List.of(), CnnEstimator.CNN).write(tmp);
    return Files.readString(tmp.resolve(ReportPage.FILE));
  }

  @Test
  void oneSelfContainedPageWithARowPerConfigAndUniqueIds() throws Exception {
    String html = page(SweepTesting.FIVE, 2);
    String table = html.substring(html.indexOf("<table id=\"results\""),
        html.indexOf("</table>", html.indexOf("<table id=\"results\"")));
    assertEquals(5, table.split("<tr", -1).length - 2, "a heading row and a row per config");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing from the network");
    assertFalse(html.contains("<!DOCTYPE svg"), "an inline SVG has no DOCTYPE");
    // ids are global in a page: two charts' clip paths must never share one
    Set<String> ids = new HashSet<>();
    Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      assertTrue(ids.add(m.group(1)), "id " + m.group(1) + " twice");
    }
    assertTrue(html.contains("id=\"curve-4\""), "a learning curve per config");
    assertFalse(html.contains("id=\"grids\""), "no two-key grid, no heatmap");
    // the double's diverged runs keep no confusion matrix: four matrices and one note
    assertEquals(4, html.split("<table class=\"confusion", -1).length - 1);
    assertEquals(1, html.split("none recorded", -1).length - 1);
  }

  @Test
  void aTwoKeyGridGetsAHeatmapWithItsFirstKeyDown() throws Exception {
    String html = page("""
        name: grid
        baseline: {epochs: 2}
        grids:
          - name: g
            grid: {momentum: [0.5, 0.9], lr: [0.001, 0.002, 0.003]}
        """, 1);
    assertTrue(html.contains("id=\"grid-0\""), "the heatmap");
    assertEquals(-1, html.indexOf("id=\"grid-1\""));
    assertTrue(GridHeatmaps.varying(ConfigRuns.of(
        SweepTesting.records(tmp), SweepReport.of(tmp, List.of(), CnnEstimator.CNN).rows()))
        .equals(List.of("momentum", "lr")), "rows: the grid's first key");
  }
}
