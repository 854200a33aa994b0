package cifar.training;

import java.nio.file.Path;

/**
 * Where one run keeps what outlives its process: the per-epoch checkpoints it resumes from after
 * a crash, and the trained parameters it writes at the end. Either may be null (none kept).
 *
 * @param checkpoints the run's checkpoint directory ({@link Checkpoints})
 * @param parameters the file the final parameters go to (DJL's parameter format)
 */
public record RunFiles(Path checkpoints, Path parameters) {
  /** Nothing kept: the run trains from scratch and its parameters are dropped. */
  public static final RunFiles NONE = new RunFiles(null, null);
}
