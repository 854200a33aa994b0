package cifar.search.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.config.RunConfig;
import cifar.report.Leaderboard;
import cifar.report.SweepReport;
import cifar.search.Method;
import cifar.sweep.file.SweepDefinition;
import cifar.sweep.file.SweepFileReader;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.session.SweepTesting;
import cifar.sweep.store.RunRecord;
import cifar.training.CnnEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search's report: the leaderboard ranks on validation accuracy alone, names the trials ASHA
 * stopped, counts the training spent, and writes the winner as a sweep file that retrains it.
 */
class SearchReportTest {
  @TempDir Path tmp;

  private static final String COMPARED = AshaSearchTest.FILE.replace("  space:",
      "  compare: {name: wide, set: {conv_channels: [20, 25]}}\n  space:");

  private SweepReport search(String yaml, Method method) {
    return search(yaml, method, tmp);
  }

  private static SweepReport search(String yaml, Method method, Path dir) {
    SweepPlan plan = SweepPlan.of(List.of(SweepFileReader.parse("a.yaml", yaml, "a", CnnEstimator.CNN)
        .withMethod(method)), new Overrides(1, null, 1000, 100));
    SweepTesting.run(plan, dir, Shard.ALL, new ScriptedExecutor(AshaSearchTest::score, c -> 0), 1,
        false);
    SweepReport report = SweepReport.of(dir, List.of(), CnnEstimator.CNN);
    report.write(dir);
    return report;
  }

  @Test
  void theLeaderboardRanksOnValidationAtTheHighestRungAndNamesTheStoppedTrials() throws Exception {
    SweepReport report = search(COMPARED, Method.ASHA);
    Leaderboard board = report.leaderboard();
    assertEquals(9, board.entries().size());
    assertEquals(AshaLog.COMPLETE, board.ended());
    for (int i = 1; i < board.entries().size(); i++) {
      Leaderboard.Entry a = board.entries().get(i - 1);
      Leaderboard.Entry b = board.entries().get(i);
      assertTrue(a.epochs() > b.epochs()
          || (a.epochs() == b.epochs() && a.validation() >= b.validation()), a + " before " + b);
    }
    Leaderboard.Entry best = board.best();
    assertEquals(4, best.epochs());
    assertEquals(AshaSearchTest.score(best.config(), 4), best.validation());
    List<Leaderboard.Entry> stopped = board.entries().stream()
        .filter(e -> e.state().startsWith("stopped")).toList();
    assertTrue(stopped.size() >= 4, "most trials stop at the first rung: " + stopped);
    assertTrue(stopped.stream().allMatch(e -> e.epochs() < 4));

    String md = Files.readString(tmp.resolve("search.md"));
    assertTrue(md.contains("| rank | trial | epochs | validation % (ranked on) | test % (not used"
        + " to rank) |"), md);
    assertTrue(md.contains("| 1 | " + best.trial() + " | 4 | "), md);
    assertTrue(md.contains("**Stopped early by ASHA (" + stopped.size() + ")**"), md);
    assertTrue(md.contains("The search is complete."), md);
    long perEpoch = 1000; // train_limit
    long epochs = board.entries().stream().mapToLong(Leaderboard.Entry::epochs).sum();
    assertEquals(epochs * perEpoch, board.imageEpochs(), "every trained epoch counted once");
    assertEquals(9 * 4 * perEpoch, board.toTheEnd());
    assertTrue(md.contains(String.format("**Training spent:** %,d image-epochs", epochs * perEpoch)), md);
    assertTrue(md.contains("The study's one-factor sweep (hyperparams/study.yaml) is 3,000,000 per"
        + " seed"), md);
    assertEquals("rank,trial,epochs,validation_accuracy_pct,test_accuracy_pct,status,search,changes",
        Files.readAllLines(tmp.resolve("search.csv")).get(0));
    assertEquals(10, Files.readAllLines(tmp.resolve("search.csv")).size());
    byte[] png = Files.readAllBytes(tmp.resolve("search-keys.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    assertFalse(Files.exists(tmp.resolve("results.md")), "no table ranked on the test set");
    assertTrue(Files.exists(tmp.resolve("records.json")));
  }

  @Test
  void bestYamlRetrainsTheWinnerOnEveryImageAgainstTheComparedConfig() throws Exception {
    Leaderboard.Entry best = search(COMPARED, Method.ASHA).leaderboard().best();
    Path file = tmp.resolve("best.yaml");
    SweepDefinition d = SweepFileReader.read(file, CnnEstimator.CNN);
    assertEquals("a-best", d.name());
    assertEquals(List.of("wide", "a-" + best.trial()),
        d.entries().stream().map(e -> e.name()).toList());
    RunConfig wide = d.entries().get(0).config();
    assertEquals(RunConfig.baseline().with("conv_channels", List.of(20, 25)), wide,
        "the compared config is the file's baseline, so Δ is against it");
    RunConfig expected = best.config().with("validation", 0).with("train_limit", 0)
        .with("test_limit", 0);
    assertEquals(expected.with("conv_channels", List.of(6, 16)),
        d.entries().get(1).config().with("conv_channels", List.of(6, 16)));
    assertEquals(List.of(6, 16), d.entries().get(1).config().convChannels(),
        "the winner keeps the searched file's baseline for the keys it did not search");
    assertTrue(Files.readString(file).contains("cifar sweep " + file + " --repeats 3"));
  }

  @Test
  void theBestYamlOfTwoSearchesRetrainTogetherAgainstOneComparedRun() {
    search(COMPARED, Method.ASHA, tmp.resolve("asha"));
    search(COMPARED, Method.RANDOM, tmp.resolve("random"));
    SweepPlan both = SweepPlan.of(List.of(SweepFileReader.read(tmp.resolve("asha/best.yaml"), CnnEstimator.CNN),
        SweepFileReader.read(tmp.resolve("random/best.yaml"), CnnEstimator.CNN)), new Overrides(3, null, null, null));
    List<PlannedRun> wide = both.runs().stream().filter(r -> r.name().equals("wide")).toList();
    assertEquals(3, wide.size(), "the compared config once per seed, not once per file");
    assertTrue(both.notes().stream().anyMatch(n -> n.contains("is the same config as 'wide'")),
        both.notes().toString());
    assertTrue(both.runs().stream().allMatch(r -> r.baselineConfigId().equals(wide.get(0).configId())),
        "both winners are compared with it");
    assertTrue(both.runs().stream().anyMatch(r -> r.name().startsWith("a-trial-")));
    assertTrue(both.runs().stream().anyMatch(r -> r.name().startsWith("a-random-trial-"))
        || both.notes().stream().anyMatch(n -> n.contains("-trial-")), "the random winner, or"
        + " the note that it is the ASHA winner's config");
  }

  @Test
  void aRandomSearchTrainsEveryTrialToTheEnd() throws Exception {
    SweepReport report = search(AshaSearchTest.FILE, Method.RANDOM);
    Leaderboard board = report.leaderboard();
    assertEquals(9, board.entries().size());
    assertTrue(board.entries().stream().allMatch(e -> e.epochs() == 4
        && e.state().equals("trained to the end")));
    assertEquals(board.toTheEnd(), board.imageEpochs());
    String md = Files.readString(tmp.resolve("search.md"));
    assertTrue(md.startsWith("# Search a-random\n\nRandom search over 9 trials"), md);
    assertFalse(md.contains("Stopped early"), md);
    double bestScore = board.entries().stream().mapToDouble(Leaderboard.Entry::validation).max()
        .orElseThrow();
    assertEquals(bestScore, board.best().validation());
    RunRecord any = SweepTesting.records(tmp).records().values().iterator().next();
    assertEquals(10, any.config().validation());
  }
}
