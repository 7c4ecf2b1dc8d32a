package io.ambientretail.testing.emv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Sends every java.util.logging / System.Logger record of a test run to a file to scan later. */
final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final FileHandler handler;
  private final Level before;

  LogCapture(Path dir) throws IOException {
    Files.createDirectories(dir);
    handler = new FileHandler(dir.resolve("run-%u.log").toString());
    handler.setFormatter(new SimpleFormatter());
    handler.setLevel(Level.ALL);
    before = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(before);
    handler.close();
  }
}
