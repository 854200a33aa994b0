package cifar.vugrad;

/**
 * A problem with what the user gave vugrad (a file, a setting, a directory), not a bug in it.
 *
 * <p>The message names the file, the field and the value, so the user can fix it without a stack
 * trace; a command line shows the message alone.
 */
public class InputError extends RuntimeException {
  public InputError(String message) {
    super(message);
  }

  public InputError(String message, Throwable cause) {
    super(message, cause);
  }
}
