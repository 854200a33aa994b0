package cifar.cli;

import cifar.UserError;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a {@link UserError} (bad file, bad value, missing data) into one clear line on stderr and
 * exit code 2, instead of a stack trace. Anything else is a bug and keeps its stack trace.
 */
public final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed)
      throws Exception {
    if (ex instanceof UserError) {
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
      return 2;
    }
    throw ex;
  }
}
