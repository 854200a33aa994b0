package cifar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Picocli passes every help line through {@code String.format}, so a lone '%' ("19% slower") makes
 * it print "[picocli WARN] Could not format ..." around the help ("19%%" is right). This walks
 * every command and formats each line of its annotations as picocli does, and checks that each
 * line of a command's description is whole sentences (picocli starts a new line for each).
 */
class HelpTextTest {

  @Test
  void everyHelpLineFormatsAndEveryDescriptionLineIsWholeSentences() {
    List<String> broken = new ArrayList<>();
    walk(Main.commandLine(), broken);
    assertEquals(List.of(), broken);
  }

  private static void walk(CommandLine cli, List<String> broken) {
    CommandSpec spec = cli.getCommandSpec();
    Class<?> type = spec.userObject().getClass();
    Command command = type.getAnnotation(Command.class);
    if (command != null && !type.getName().startsWith("picocli.")) { // picocli's own are its own
      check(spec.qualifiedName(), command.description(), broken);
      for (String line : command.description()) {
        // Picocli prints each element on a line of its own and wraps it: an element that ends
        // mid-sentence leaves a short, broken line in the middle of the help.
        if (!line.matches("(?s).*[.:)](%n)?")) {
          broken.add(spec.qualifiedName() + ": description line ends mid-sentence: " + line);
        }
      }
    }
    // The annotations' own text: the model's description() has the variables already replaced.
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Option option = field.getAnnotation(Option.class);
        Parameters parameters = field.getAnnotation(Parameters.class);
        String where = spec.qualifiedName() + " " + field.getName();
        if (option != null) {
          check(where, option.description(), broken);
        }
        if (parameters != null) {
          check(where, parameters.description(), broken);
        }
      }
    }
    cli.getSubcommands().values().stream()
        .distinct()
        .forEach(sub -> walk(sub, broken));
  }

  private static void check(String where, String[] lines, List<String> broken) {
    Object[] values = new Object[8];
    Arrays.fill(values, "value");
    for (String line : lines) {
      try {
        String.format(line, values);
      } catch (IllegalFormatException e) {
        broken.add(where + ": " + line + " (" + e.getMessage() + ")");
      }
    }
  }
}
