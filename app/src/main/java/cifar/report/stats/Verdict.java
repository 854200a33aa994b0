package cifar.report.stats;

/**
 * Whether our seeds back a change the study reported. The study ran each config once and
 * reported its accuracy; its finding is the sign of (reported − its reference accuracy). Ours is
 * the sign of our difference against the sweep's baseline config, if Holm's correction leaves it
 * significant at 0.05.
 *
 * <p>Where the study saw no change (reported equal to its reference), a significant difference
 * of ours contradicts it, and no significant difference is "no effect found": consistent with the
 * study, but three seeds cannot show that an effect is absent, so it is not called replicated.
 */
public enum Verdict {
  REPLICATED("replicated"),
  CONTRADICTED("contradicted"),
  NO_EFFECT_FOUND("no effect found"),
  NEEDS_SEEDS("needs ≥ 2 seeds");

  /** The level the Holm-adjusted p-value must be under. */
  public static final double ALPHA = 0.05;

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The text the table shows. */
  public String label() {
    return label;
  }

  /**
   * The verdict on one row, or null where there is nothing to judge: the study gave no number or
   * no reference, or the row or its baseline has no finished run at all.
   *
   * @param studyDiff the study's reported accuracy minus its reference (NaN if either is absent)
   * @param n finished seeds of the row
   * @param baselineN finished seeds of its baseline config
   * @param diff our mean minus the baseline's mean
   * @param holmP the Holm-adjusted p-value of that difference
   */
  public static Verdict of(double studyDiff, int n, int baselineN, double diff, double holmP) {
    if (Double.isNaN(studyDiff) || n == 0 || baselineN == 0) {
      return null;
    }
    if (n < 2 || baselineN < 2) {
      return NEEDS_SEEDS;
    }
    if (!(holmP < ALPHA)) {
      return NO_EFFECT_FOUND;
    }
    return Math.signum(diff) == Math.signum(studyDiff) ? REPLICATED : CONTRADICTED;
  }
}
