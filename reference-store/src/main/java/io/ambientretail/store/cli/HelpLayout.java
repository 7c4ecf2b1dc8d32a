package io.ambientretail.store.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Lays out every {@code ambient ... --help}: text wraps at spaces only, so a file name, path or URL
 * is never split ({@code policy.yaml}, {@code ./data/micromarket}; picocli's own wrapping breaks
 * after dots, colons and hyphens); the examples of the footer are printed exactly as written, one
 * per line; every option with a default value says it ({@code Default: 8080.}) unless its text
 * already names its default. Stateless.
 */
final class HelpLayout {
  /** Columns of the help text, as picocli's default. */
  static final int WIDTH = 80;

  private static final int MAX_LEFT = 28;

  private HelpLayout() {}

  /** Applies the layout to a command and all its subcommands. */
  static void apply(CommandLine cli) {
    cli.setUsageHelpWidth(WIDTH);
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
    cli.setHelpSectionMap(sections);
    for (CommandLine sub : cli.getSubcommands().values()) {
      apply(sub);
    }
  }

  private static String description(Help help) {
    StringBuilder sb = new StringBuilder();
    for (String paragraph : help.commandSpec().usageMessage().description()) {
      sb.append(wrap(paragraph, "", 0, WIDTH));
    }
    return sb.toString();
  }

  private static String footer(Help help) {
    StringBuilder sb = new StringBuilder();
    for (String line : help.commandSpec().usageMessage().footer()) {
      sb.append(line).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String parameters(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
      if (!p.hidden()) {
        rows.add(new String[] {"      " + p.paramLabel(), text(p)});
      }
    }
    return table(rows, argColumn(help.commandSpec()));
  }

  private static String options(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec o : sortedOptions(help.commandSpec())) {
      rows.add(new String[] {left(o), text(o)});
    }
    return table(rows, argColumn(help.commandSpec()));
  }

  private static List<OptionSpec> sortedOptions(CommandSpec spec) {
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        options.add(o);
      }
    }
    options.sort(Comparator.comparing(HelpLayout::sortKey));
    return options;
  }

  private static String left(OptionSpec o) {
    String shortName = null;
    List<String> longNames = new ArrayList<>();
    for (String n : o.names()) {
      if (n.length() == 2 && shortName == null) {
        shortName = n;
      } else {
        longNames.add(n);
      }
    }
    String names = String.join(", ", longNames);
    String label = o.typeInfo().isBoolean() || o.arity().max == 0 ? "" : "=" + o.paramLabel();
    return shortName == null
        ? "      " + names + label
        : "  " + shortName + (names.isEmpty() ? label : ", " + names + label);
  }

  /** The column where option and parameter texts start: one for both lists, as picocli's. */
  private static int argColumn(CommandSpec spec) {
    int left = 0;
    for (PositionalParamSpec p : spec.positionalParameters()) {
      left = Math.max(left, Math.min(MAX_LEFT, 6 + p.paramLabel().length()));
    }
    for (OptionSpec o : sortedOptions(spec)) {
      left = Math.max(left, Math.min(MAX_LEFT, left(o).length()));
    }
    return left + 2;
  }

  private static String commands(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Help> e : help.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().commandSpec();
      if (sub.usageMessage().hidden()) {
        continue;
      }
      String[] d = sub.usageMessage().description();
      rows.add(new String[] {"  " + e.getKey(), d.length == 0 ? "" : firstSentence(d[0])});
    }
    return rows.isEmpty() ? "" : table(rows);
  }

  private static String firstSentence(String text) {
    int dot = text.indexOf(". ");
    return dot < 0 ? text : text.substring(0, dot + 1);
  }

  /** The description of an option or parameter, with its default value when it has one. */
  private static String text(ArgSpec a) {
    String text = String.join("\n", a.renderedDescription());
    String def = a.defaultValue();
    boolean flag = a.typeInfo().isBoolean();
    if (def != null
        && !def.isEmpty()
        && !flag
        && !text.toLowerCase(Locale.ROOT).contains("default")) {
      text = text + (text.isEmpty() ? "" : " ") + "Default: " + def + ".";
    }
    return text;
  }

  private static String sortKey(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
  }

  private static String table(List<String[]> rows) {
    int left = 0;
    for (String[] r : rows) {
      left = Math.max(left, Math.min(MAX_LEFT, r[0].length()));
    }
    return table(rows, left + 2);
  }

  private static String table(List<String[]> rows, int column) {
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      String first = r[0];
      if (first.length() + 2 > column) {
        sb.append(first).append(System.lineSeparator());
        first = "";
      }
      first = first + " ".repeat(column - first.length());
      String[] paragraphs = r[1].split("\n", -1);
      for (int i = 0; i < paragraphs.length; i++) {
        sb.append(wrap(paragraphs[i], i == 0 ? first : " ".repeat(column), column + 2, WIDTH));
      }
    }
    return sb.toString();
  }

  /**
   * Wraps a paragraph at spaces: the first line starts with {@code prefix}, the others after {@code
   * indent} spaces. A word longer than a line stays whole on its own line.
   */
  static String wrap(String paragraph, String prefix, int indent, int width) {
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder(prefix);
    boolean empty = true;
    for (String word : paragraph.strip().split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!empty && line.length() + 1 + word.length() > width) {
        sb.append(line).append(System.lineSeparator());
        line.setLength(0);
        line.append(" ".repeat(indent));
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    return sb.toString();
  }
}
