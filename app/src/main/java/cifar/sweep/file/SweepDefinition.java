package cifar.sweep.file;

import cifar.config.RunConfig;
import cifar.search.Method;
import cifar.search.Search;
import java.util.List;

/**
 * A validated sweep file: everything in it has been checked, so training can start.
 *
 * @param file where it was read from (for messages and the sweep fingerprint)
 * @param name the sweep's name (also the default output directory, runs/NAME)
 * @param referenceAccuracy the study's baseline accuracy (0..1) the table compares with, or null
 * @param baseline RunConfig.baseline() with the file's baseline changes applied
 * @param entries every configuration to train, grids expanded, in file order
 * @param contentSha256 the SHA-256 of the file's bytes, recorded with the sweep
 * @param search the file's search, whose trials are the entries; null for runs and grids
 */
public record SweepDefinition(
    String file,
    String name,
    Double referenceAccuracy,
    RunConfig baseline,
    List<SweepEntry> entries,
    String contentSha256,
    Search search) {
  public SweepDefinition {
    entries = List.copyOf(entries);
  }

  /** The same file with its search's method changed (for {@code sweep --method}). */
  public SweepDefinition withMethod(Method method) {
    if (search == null || search.method() == method) {
      return this;
    }
    return new SweepDefinition(file, name + "-" + method.word(), referenceAccuracy, baseline,
        entries, contentSha256, search.withMethod(method));
  }
}
