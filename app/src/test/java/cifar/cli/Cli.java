package cifar.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs a command as {@code cifar} does (a user error: one line, exit 2) and keeps its output. */
final class Cli {
  private Cli() {}

  /** The exit code, standard output and standard error of one command. */
  record Result(int code, String out, String err) {}

  /** Runs one command object, with the command line's handler of user errors. */
  static Result run(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return run(cli, args);
  }

  /** Runs a configured command line, capturing System.out and its error writer. */
  static Result run(CommandLine cli, String... args) {
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = cli.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(old);
    }
  }
}
