package cifar.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a group of runs trained together ({@link RunExecutor#executeStacked}) keeps what outlives
 * its process: one checkpoint directory for the whole stacked model, and each member's final
 * parameters in a file of its own, as a separate run would leave them.
 *
 * @param checkpoints the group's checkpoint directory, or null (none kept)
 * @param parameters one file per member (DJL's parameter format); an element may be null
 */
public record StackFiles(Path checkpoints, List<Path> parameters) {
  public StackFiles {
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  /** Nothing kept for a group of {@code members}. */
  public static StackFiles none(int members) {
    return new StackFiles(null, Collections.nCopies(members, null));
  }
}
