package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The project's documentation stands alone: docs/, README.md and every command's help name no file
 * outside the project (specifications, notes, issue numbers a user never has), and every relative
 * link in them leads to a file of the project.
 */
class DocsStandAloneTest {
  /** References to material a user of the project does not have. */
  private static final List<Pattern> OUTSIDE =
      List.of(
          Pattern.compile("specs/"),
          Pattern.compile("\\.\\./shared"),
          Pattern.compile("/work/"),
          Pattern.compile("(?i)\\bissue\\s+#?\\d+"),
          Pattern.compile("(?i)\\bissue\\s+\\d+'s\\b"),
          Pattern.compile("(?i)addition to cli\\.md"),
          Pattern.compile("(?i)cli\\.md v1"),
          Pattern.compile("(?i)closing (notes|report)"),
          Pattern.compile("(?i)session notes"));

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  @Test
  void docsAndReadme_nameNothingOutsideTheProject() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path doc : documents()) {
      found.addAll(outsideReferences(ROOT.relativize(doc).toString(), Files.readString(doc)));
    }
    assertThat(found).isEmpty();
  }

  @Test
  void everyCommandsHelp_namesNothingOutsideTheProject() {
    List<String> found = new ArrayList<>();
    helps(new CommandLine(new AmbientCommand()), new ArrayList<>(), found);
    assertThat(found).isEmpty();
  }

  private static void helps(CommandLine c, List<String> path, List<String> found) {
    StringWriter out = new StringWriter();
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    AmbientMain.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(out));
    found.addAll(outsideReferences("ambient " + String.join(" ", args), out.toString()));
    c.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              helps(sub, p, found);
            });
  }

  @Test
  void everyRelativeLink_leadsToAFileOfTheProject() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path doc : documents()) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
          continue; // a URL or an anchor in the same page
        }
        String file = target.replaceFirst("#.*$", "");
        Path resolved = doc.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(doc) + " line " + lineOf(text, m.start()) + ": " + target);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void readme_namesEveryPackageScriptsTestInstalls_andWhatItCreates() throws IOException {
    String script = Files.readString(ROOT.resolve("scripts/test"));
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> packages = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^packages\\+?=\\(([^)]*)\\)").matcher(script);
    while (m.find()) {
      packages.addAll(List.of(m.group(1).trim().split("\\s+")));
    }
    assertThat(packages).contains("postgresql", "chromium", "pcscd");
    for (String p : packages) {
      assertThat(readme).as("README names the package %s", p).contains("`" + p + "`");
    }
    Matcher created = Pattern.compile("CREATE (ROLE|DATABASE) (\\w+)").matcher(script);
    int count = 0;
    while (created.find()) {
      count++;
      assertThat(readme)
          .as("README names the %s %s", created.group(1), created.group(2))
          .contains("`" + created.group(2) + "`");
    }
    assertThat(count).isEqualTo(2);
    assertThat(readme).contains("leaves it running").contains("To undo it");
  }

  @Test
  void scanner_findsWhatItLooksFor() {
    assertThat(outsideReferences("x", "see specs/cli.md and ../shared/x, as issue 5 said"))
        .hasSize(3);
    assertThat(outsideReferences("x", "Issue 5's goal")).isNotEmpty();
    assertThat(outsideReferences("x", "Addition to cli.md v1: a file")).isNotEmpty();
    assertThat(outsideReferences("x", "C2SP signed notes; see docs/cli.md")).isEmpty();
  }

  private static List<String> outsideReferences(String where, String text) {
    List<String> found = new ArrayList<>();
    for (Pattern p : OUTSIDE) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        found.add(where + " line " + lineOf(text, m.start()) + ": '" + m.group() + "'");
      }
    }
    return found;
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
