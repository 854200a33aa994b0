package cifar.search.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ASHA's decisions against the paper's get_job (Li et al. 2020, Algorithm 2): a trace worked out
 * by hand, and random scripts of scores and finishing orders checked decision by decision
 * against the rule written out again here from the paper.
 */
class AshaTest {
  private static Asha.Job job(int trial, int rung) {
    return new Asha.Job(trial, rung);
  }

  /** Runs jobs one at a time (one worker), each ending at once with its scripted score. */
  private static List<Asha.Job> oneWorker(Asha asha, double[][] score) {
    List<Asha.Job> jobs = new ArrayList<>();
    for (Optional<Asha.Job> j = asha.next(); j.isPresent(); j = asha.next()) {
      asha.started(j.get());
      jobs.add(j.get());
      asha.ended(j.get(), score[j.get().trial()][j.get().rung()]);
    }
    return jobs;
  }

  /**
   * Four trials, η = 2, rungs of 1, 2 and 4 epochs. Trial 1 is best at every rung, trial 2
   * second. Worked out by hand from Algorithm 2: trial 1 is promoted as soon as two trials have
   * ended rung 0 (the top ⌊2/2⌋ = 1), before trial 2 is even drawn; trial 2 only once four have
   * (top 2); trial 1 reaches the last rung once two have ended rung 1.
   */
  @Test
  void aTraceWorkedOutByHandFromThePaper() {
    double[][] score = {{0.5, 0, 0}, {0.7, 0.72, 0.8}, {0.6, 0.65, 0}, {0.4, 0, 0}};
    List<Asha.Job> jobs = oneWorker(new Asha(4, 3, 2), score);
    assertEquals(List.of(job(0, 0), job(1, 0), job(1, 1), job(2, 0), job(3, 0), job(2, 1),
        job(1, 2)), jobs);
  }

  @Test
  void aTrialThatDivergedCountsInItsRungButIsNeverPromoted() {
    double nan = Double.NaN;
    // ranked last, so trial 1 is the top 1 of the first two, and trials 1 and 2 of all four
    double[][] score = {{nan, 0}, {0.3, 0.4}, {0.2, 0}, {0.1, 0}};
    assertEquals(List.of(job(0, 0), job(1, 0), job(1, 1), job(2, 0), job(3, 0), job(2, 1)),
        oneWorker(new Asha(4, 2, 2), score));
    // two that diverged: the top 1 is one of them, which is not promoted, and nothing else is
    assertEquals(List.of(job(0, 0), job(1, 0)),
        oneWorker(new Asha(2, 2, 2), new double[][] {{nan, 0}, {nan, 0}}));
  }

  @Test
  void onlyWhatGetJobGivesMayStart() {
    Asha asha = new Asha(3, 2, 3);
    assertThrows(IllegalStateException.class, () -> asha.started(job(1, 0)));
    asha.started(job(0, 0));
    assertThrows(IllegalStateException.class, () -> asha.ended(job(1, 0), 0.5));
    assertEquals(List.of(job(0, 0)), asha.running());
    assertTrue(new Asha(0, 2, 3).over(), "a shard without trials has nothing to do");
  }

  /**
   * Random scores and random finishing orders with three workers: every decision is the
   * paper's get_job on the state at that moment, and the search ends with every rung's top
   * ⌊n/η⌋ promoted.
   */
  @Test
  void everyDecisionOfAnAsynchronousSearchIsThePapersGetJob() {
    Random random = new Random(20);
    for (int run = 0; run < 200; run++) {
      int trials = 1 + random.nextInt(30);
      int rungs = 1 + random.nextInt(4);
      int eta = 2 + random.nextInt(3);
      double[][] score = new double[trials][rungs];
      for (double[] row : score) {
        for (int k = 0; k < rungs; k++) {
          row[k] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(50) / 50.0; // ties too
        }
      }
      Asha asha = new Asha(trials, rungs, eta);
      Paper paper = new Paper(trials, rungs, eta);
      List<Asha.Job> flight = new ArrayList<>();
      while (true) {
        while (flight.size() < 3) {
          Optional<Asha.Job> expected = paper.getJob();
          assertEquals(expected, asha.next(), "run " + run);
          if (expected.isEmpty()) {
            break;
          }
          asha.started(expected.get());
          paper.start(expected.get());
          flight.add(expected.get());
        }
        if (flight.isEmpty()) {
          break;
        }
        Asha.Job done = flight.remove(random.nextInt(flight.size()));
        asha.ended(done, score[done.trial()][done.rung()]);
        paper.end(done, score[done.trial()][done.rung()]);
      }
      assertTrue(asha.over());
      for (int k = 0; k + 1 < rungs; k++) {
        for (int t : paper.top(k)) {
          assertTrue(!Double.isFinite(paper.rungs.get(k).get(t)) || paper.promoted.contains(
              List.of(k, t)), "run " + run + ": trial " + t + " of the top of rung " + k
              + " was promoted");
        }
      }
    }
  }

  /** Algorithm 2 of the paper, written out again without looking at {@link Asha}. */
  private static final class Paper {
    final List<Map<Integer, Double>> rungs = new ArrayList<>();
    final Set<List<Integer>> promoted = new HashSet<>();
    final int trials;
    final int eta;
    int drawn;

    Paper(int trials, int rungs, int eta) {
      this.trials = trials;
      this.eta = eta;
      for (int k = 0; k < rungs; k++) {
        this.rungs.add(new LinkedHashMap<>());
      }
    }

    List<Integer> top(int k) {
      Map<Integer, Double> r = rungs.get(k);
      List<Integer> sorted = new ArrayList<>(r.keySet());
      // highest validation accuracy first (a loss would sort lowest first); NaN as the worst
      sorted.sort(Comparator.comparingDouble((Integer t) -> Double.isNaN(r.get(t))
          ? Double.POSITIVE_INFINITY : -r.get(t)).thenComparingInt(t -> t));
      return sorted.subList(0, r.size() / eta);
    }

    Optional<Asha.Job> getJob() {
      for (int k = rungs.size() - 2; k >= 0; k--) {
        for (int t : top(k)) {
          if (!promoted.contains(List.of(k, t)) && !Double.isNaN(rungs.get(k).get(t))) {
            return Optional.of(new Asha.Job(t, k + 1));
          }
        }
      }
      return drawn < trials ? Optional.of(new Asha.Job(drawn, 0)) : Optional.empty();
    }

    void start(Asha.Job j) {
      if (j.rung() == 0) {
        drawn++;
      } else {
        promoted.add(List.of(j.rung() - 1, j.trial()));
      }
    }

    void end(Asha.Job j, double score) {
      rungs.get(j.rung()).put(j.trial(), score);
    }
  }
}
