package cifar.search.run;

import cifar.config.RunConfig;
import cifar.search.Search;
import cifar.sweep.Durations;
import cifar.sweep.file.SweepFileReader;
import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SweepPlan;
import cifar.training.RunEstimator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The training a search spends, in image-epochs (images trained on, times epochs): a cost that
 * does not depend on the machine, so a search compares with the study's grid and random search
 * with ASHA. Seconds are {@link LongestFirst}'s estimates for one core, by the trainer's
 * {@link RunEstimator}, without the evaluations after each epoch.
 *
 * @param imageEpochs images trained on, summed over every epoch of every trial
 * @param seconds estimated training seconds on one core
 */
public record Budget(long imageEpochs, double seconds) {
  /** The sweep the search is measured against: the study's one-factor sweep. */
  public static final Path STUDY = Path.of("hyperparams", "study.yaml");

  Budget plus(RunConfig c, int epochs, RunEstimator estimator) {
    double perEpoch = LongestFirst.seconds(c, estimator) / c.epochs();
    return new Budget(imageEpochs + LongestFirst.images(c) * epochs, seconds + perEpoch * epochs);
  }

  /**
   * What a search plans to spend. A random search trains every trial to the end. ASHA trains
   * every trial to its first rung, and about 1/η of each rung one rung further: at most
   * ⌊n/η⌋ of n trials once the rung is full, which trials unknown until they have trained, so
   * each promotion is costed as the mean trial (asynchronous promotions may add a few more).
   */
  public static Budget planned(Search search, List<Trial> trials, RunEstimator estimator) {
    Budget b = new Budget(0, 0);
    List<Integer> rungs = search.rungs();
    for (Trial t : trials) {
      b = b.plus(t.rungs().get(0).config(), rungs.get(0), estimator);
    }
    long promoted = trials.size();
    for (int k = 1; k < rungs.size() && !trials.isEmpty(); k++) {
      promoted /= search.reductionFactor();
      Budget rung = new Budget(0, 0);
      for (Trial t : trials) {
        rung = rung.plus(t.rungs().get(k).config(), rungs.get(k) - rungs.get(k - 1), estimator);
      }
      b = new Budget(b.imageEpochs + rung.imageEpochs * promoted / trials.size(),
          b.seconds + rung.seconds * promoted / trials.size());
    }
    return b;
  }

  /** What every trial trained to the end would spend (a random search of the same trials). */
  public static Budget everyTrialToTheEnd(List<Trial> trials, RunEstimator estimator) {
    Budget b = new Budget(0, 0);
    for (Trial t : trials) {
      b = b.plus(t.last().config(), t.last().config().epochs(), estimator);
    }
    return b;
  }

  /** One seed of the study's one-factor sweep (hyperparams/study.yaml, packed in the jar). */
  public static Budget study(RunEstimator estimator) {
    SweepPlan plan = SweepPlan.of(List.of(SweepFileReader.read(STUDY, estimator)),
        Overrides.NONE);
    Budget b = new Budget(0, 0);
    for (PlannedRun r : plan.runs()) {
      b = b.plus(r.config(), r.config().epochs(), estimator);
    }
    return b;
  }

  /** "2,750,000 image-epochs (about 3h10m on one core)". */
  public String describe() {
    return String.format(Locale.ROOT, "%,d image-epochs (about %s on one core)", imageEpochs,
        Durations.format(seconds));
  }
}
