package cifar;

/**
 * A problem with what the user gave us (a file, a value, a directory), not a bug.
 *
 * <p>The message must name the file, the field and the value, so the user can fix it without a
 * stack trace. The command line prints the message alone and exits with code 2.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  /** Stops with "OPTION: value 'V' must be at least LEAST" when {@code value < least}. */
  public static void requireAtLeast(String option, int value, int least) {
    if (value < least) {
      throw new UserError(option + ": value '" + value + "' must be at least " + least);
    }
  }

  /** As {@link #requireAtLeast}, for an option that may not have been given (null). */
  public static void requireAtLeastIfGiven(String option, Integer value, int least) {
    if (value != null) {
      requireAtLeast(option, value, least);
    }
  }
}
