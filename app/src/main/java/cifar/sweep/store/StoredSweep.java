package cifar.sweep.store;

import cifar.provenance.Provenance;
import cifar.sweep.plan.SweepPlan;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep directory's {@code sweep.json}: the current plan and the fingerprints of earlier
 * definitions of the same sweep. When a sweep file grows, the runs it already had keep their
 * ids and records, so records written under an earlier fingerprint still count.
 *
 * @param plan the current plan
 * @param earlierFingerprints fingerprints of earlier definitions whose records still count
 * @param writtenBy the process that last wrote the plan (null in files of format 1)
 */
public record StoredSweep(SweepPlan plan, List<String> earlierFingerprints, Provenance writtenBy) {
  public StoredSweep {
    earlierFingerprints = List.copyOf(earlierFingerprints);
  }

  /** A plan not (yet) written by anyone. */
  public StoredSweep(SweepPlan plan, List<String> earlierFingerprints) {
    this(plan, earlierFingerprints, null);
  }

  /** Fingerprints whose records belong to this sweep. */
  public Set<String> acceptedFingerprints() {
    Set<String> s = new LinkedHashSet<>(earlierFingerprints);
    s.add(plan.fingerprint());
    return s;
  }
}
