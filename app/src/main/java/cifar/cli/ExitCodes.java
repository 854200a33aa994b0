package cifar.cli;

/**
 * The exit codes every command's help lists (picocli's exit code list, "code:meaning"). They are
 * the same across commands where they can be: 0 done, 1 something the command was asked to do
 * failed though the input was fine (a run, an image, a gradient check), 2 bad input, named in
 * one line. A bug's stack trace also exits 1, picocli's code for an exception.
 */
public final class ExitCodes {
  public static final String HEADING = "%nExit codes:%n";
  public static final String DONE = "0:done";
  public static final String BAD_INPUT = "2:bad input (a file, a value, an option), named in one line on"
      + " standard error";
  public static final String BUG = "1:an unexpected error, with its stack trace";

  private ExitCodes() {}
}
