package cifar.cli;

import cifar.provenance.BuildInfo;
import cifar.engine.EngineInfo;
import cifar.engine.Threads;
import cifar.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cifar info}: what DJL and PyTorch run on here. */
@Command(
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.DONE, ExitCodes.BAD_INPUT},name = "info", mixinStandardHelpOptions = true,
    description = "Print the DJL and PyTorch versions, where the native libraries were loaded "
        + "from, the flavor (cpu or cuXXX), the GPUs DJL sees and the thread settings.")
public final class InfoCommand implements Callable<Integer> {
  @Mixin ThreadsOption threads;

  @Option(names = "--json", description = "Print the same as one JSON document, for scripts.")
  boolean json;

  /** {@code info --json}: {"format": 1, "cifar_version": ..., "built_for": ..., "engine": {...}}. */
  private record Document(String cifarVersion, String builtFor, EngineInfo.Facts engine) {}

  @Override
  public Integer call() {
    Threads.configure(threads.threads());
    String version = new VersionProvider().getVersion()[0].substring(6);
    EngineInfo.Facts facts = EngineInfo.facts();
    if (json) {
      System.out.print(Json.write(new Document(version, BuildInfo.djlAndPytorch(), facts), 1));
    } else {
      System.out.println("cifar " + version + " (built for " + BuildInfo.djlAndPytorch() + ")");
      EngineInfo.lines(facts).forEach(System.out::println);
    }
    return 0;
  }
}
