package cifar.sweep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep directory's {@code sweep.json}: the current plan and the fingerprints of earlier
 * definitions of the same sweep. When a sweep file grows, the runs it already had keep their
 * ids and records, so records written under an earlier fingerprint still count.
 */
public record StoredSweep(SweepPlan plan, List<String> earlierFingerprints) {
  public StoredSweep {
    earlierFingerprints = List.copyOf(earlierFingerprints);
  }

  /** Fingerprints whose records belong to this sweep. */
  public Set<String> acceptedFingerprints() {
    Set<String> s = new LinkedHashSet<>(earlierFingerprints);
    s.add(plan.fingerprint());
    return s;
  }
}
