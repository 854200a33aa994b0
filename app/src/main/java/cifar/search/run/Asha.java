package cifar.search.run;

import cifar.search.Rungs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of asynchronous successive halving, ASHA (Li et al., "A System for Massively
 * Parallel Hyperparameter Tuning", MLSys 2020, Algorithm 2), without any training: which job a
 * free worker takes next, given the jobs started and the scores of those that ended.
 *
 * <p>The paper's get_job, for rungs k = 0 .. K (rung k trains to {@link Rungs} epochs):
 *
 * <pre>
 * for k = K − 1, ..., 1, 0:
 *   candidates = top_k(rung k, ⌊|rung k| / η⌋)     # the best 1/η of the trials that ended rung k
 *   promotable = {t ∈ candidates : t not yet promoted from rung k}
 *   if promotable is not empty: return (promotable[0], k + 1)
 * return (a new trial, 0)
 * </pre>
 *
 * A worker is never kept waiting for a rung to fill, as synchronous successive halving would:
 * a trial is promoted as soon as it is in the top 1/η of the trials that have ended its rung so
 * far. Since rungs keep growing, a trial promoted early may later fall out of the top 1/η; the
 * paper accepts these few extra promotions as the price of never waiting.
 *
 * <p>Here the search has a fixed number of trials: once all are drawn, get_job may have nothing
 * to give while jobs are in flight (their scores may make a promotion), and the search ends
 * when nothing is in flight and nothing is promotable. Scores are validation accuracies, higher
 * better; ties go to the trial drawn first. A trial without a score (it diverged or failed) counts
 * in its rung's size but is never promoted.
 */
public final class Asha {
  /**
   * One job: train trial {@code trial} (0-based, in draw order) to rung {@code rung}.
   *
   * @param trial the trial's index among the search's trials
   * @param rung the rung it trains to: 0 for a new trial, k + 1 for a promotion from rung k
   */
  public record Job(int trial, int rung) {}

  private final int trials;
  private final int rungs;
  private final int eta;
  /** Per rung: trial → score of each job that ended there, in the order they ended. */
  private final List<Map<Integer, Double>> ended = new ArrayList<>();
  /** Per rung k: the trials promoted from k (started at k + 1). */
  private final List<Set<Integer>> promoted = new ArrayList<>();
  private final Set<Job> running = new LinkedHashSet<>();
  private int drawn;

  /**
   * @param trials how many trials the search may draw (a shard may have none)
   * @param rungs how many rungs (K + 1)
   * @param eta the reduction factor η, at least 2
   */
  public Asha(int trials, int rungs, int eta) {
    if (trials < 0 || rungs < 1 || eta < 2) {
      throw new IllegalArgumentException("ASHA needs a rung and η >= 2");
    }
    this.trials = trials;
    this.rungs = rungs;
    this.eta = eta;
    for (int k = 0; k < rungs; k++) {
      ended.add(new LinkedHashMap<>());
      promoted.add(new HashSet<>());
    }
  }

  /** What get_job gives now: a promotion, a new trial, or nothing (wait, or the end). */
  public Optional<Job> next() {
    for (int k = rungs - 2; k >= 0; k--) {
      for (int t : top(k)) {
        if (!promoted.get(k).contains(t) && Double.isFinite(ended.get(k).get(t))) {
          return Optional.of(new Job(t, k + 1));
        }
      }
    }
    return drawn < trials ? Optional.of(new Job(drawn, 0)) : Optional.empty();
  }

  /** top_k(rung k, ⌊|rung k| / η⌋): best score first, the earlier trial first on ties. */
  List<Integer> top(int k) {
    Map<Integer, Double> rung = ended.get(k);
    Comparator<Integer> best = Comparator.comparingDouble(
        (Integer t) -> Double.isFinite(rung.get(t)) ? rung.get(t) : Double.NEGATIVE_INFINITY)
        .reversed().thenComparing(t -> t);
    return rung.keySet().stream().sorted(best).limit(rung.size() / eta).toList();
  }

  /** A worker took {@code job}: it must be what {@link #next} gives now. */
  public void started(Job job) {
    if (!next().equals(Optional.of(job))) {
      throw new IllegalStateException("ASHA gives " + next() + " now, not " + job);
    }
    if (job.rung() == 0) {
      drawn++;
    } else {
      promoted.get(job.rung() - 1).add(job.trial());
    }
    running.add(job);
  }

  /** A job ended with {@code score} (NaN: diverged or failed, never promoted). */
  public void ended(Job job, double score) {
    if (!running.remove(job)) {
      throw new IllegalStateException(job + " is not running");
    }
    ended.get(job.rung()).put(job.trial(), score);
  }

  /** The jobs started and not ended, in the order they started. */
  public List<Job> running() {
    return List.copyOf(running);
  }

  /** Whether the search is over: nothing in flight and nothing left to give. */
  public boolean over() {
    return running.isEmpty() && next().isEmpty();
  }
}
