package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class HelpLayoutTest {
  /** Every command of the tree, as the argument lists that reach it. */
  private static List<String[]> commands() {
    List<String[]> all = new ArrayList<>();
    collect(new CommandLine(new AmbientCommand()), new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine c, List<String> path, List<String[]> all) {
    all.add(path.toArray(new String[0]));
    c.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              collect(sub, p, all);
            });
  }

  private static String help(String... path) {
    StringWriter out = new StringWriter();
    String[] args = new String[path.length + 1];
    System.arraycopy(path, 0, args, 0, path.length);
    args[path.length] = "--help";
    int code = AmbientMain.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).as(String.join(" ", path)).isZero();
    return out.toString();
  }

  private static CommandSpec spec(String... path) {
    CommandLine c = new CommandLine(new AmbientCommand());
    for (String p : path) {
      c = c.getSubcommands().get(p);
    }
    return c.getCommandSpec();
  }

  @Test
  void everyHelp_fitsEightyColumns() {
    for (String[] path : commands()) {
      for (String line : help(path).lines().toList()) {
        assertThat(line.length())
            .as("ambient %s --help: %s", String.join(" ", path), line)
            .isLessThanOrEqualTo(HelpLayout.WIDTH);
      }
    }
  }

  @Test
  void everyFooterLine_isPrintedAsWritten_neverWrappedMidName() {
    for (String[] path : commands()) {
      List<String> lines = help(path).lines().toList();
      for (String footer : spec(path).usageMessage().footer()) {
        assertThat(lines).as("ambient %s --help", String.join(" ", path)).contains(footer);
      }
    }
  }

  @Test
  void helpText_neverSplitsAPathOrFileName() {
    assertThat(help("store", "demo")).contains("./data/micromarket");
    assertThat(help("audit", "export")).contains("jdbc:sqlite:./data/store.db");
    assertThat(help("replenish", "plan")).contains("--policy policy.yaml");
    assertThat(help("device", "watch")).contains("--calibration shelf-1.yaml");
  }

  @Test
  void everyOptionWithADefault_showsIt() {
    for (String[] path : commands()) {
      String help = help(path);
      for (OptionSpec o : spec(path).options()) {
        String def = o.defaultValue();
        if (def == null || def.isEmpty() || o.typeInfo().isBoolean()) {
          continue;
        }
        assertThat(help)
            .as(
                "ambient %s --help shows the default of %s",
                String.join(" ", path), o.longestName())
            .containsPattern("(?i)default:\\s+" + java.util.regex.Pattern.quote(def));
      }
    }
  }

  @Test
  void storeDemoHelp_showsPortSeedAndTheirDefaults() {
    String help = help("store", "demo");
    assertThat(help).containsPattern("--port=<port>[^\\n]*(\\n {20,}[^\\n]*)*Default: 8080\\.");
    assertThat(help).contains("Default: 1.").contains("Default: walkout.");
    assertThat(help("card", "read")).contains("Default: 0.");
  }

  @Test
  void wrap_breaksAtSpacesOnly() {
    String w = HelpLayout.wrap("see ./data/micromarket and policy.yaml now", "", 2, 20);
    assertThat(w.lines().toList())
        .containsExactly("see", "  ./data/micromarket", "  and policy.yaml", "  now");
    assertThat(w.toLowerCase(Locale.ROOT)).doesNotContain("policy.\n");
  }
}
