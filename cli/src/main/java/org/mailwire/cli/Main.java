package org.mailwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code mailwire} command.
 *
 * <pre>
 * mailwire demo                       embedded servers on loopback, the library at work, with the wire trace
 * mailwire decode PROTOCOL [FILE|-]   parse a captured server stream and print what was received
 * mailwire help
 * </pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage). */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    try {
      switch (args[0]) {
        case "demo":
          return Demo.run(out);
        case "decode":
          return decode(Arrays.copyOfRange(args, 1, args.length), stdin, out, err);
        default:
          err.println("mailwire: unknown command '" + args[0] + "'");
          usage(err);
          return 2;
      }
    } catch (Exception e) {
      err.println("mailwire: " + e);
      return 1;
    }
  }

  private static int decode(String[] args, InputStream stdin, PrintStream out, PrintStream err)
      throws IOException {
    if (args.length < 1 || args.length > 2) {
      usage(err);
      return 2;
    }
    Decoders.Kind kind = Decoders.Kind.byName(args[0]);
    if (kind == null) {
      err.println("mailwire decode: unknown protocol '" + args[0] + "' (known: " + Decoders.Kind.names() + ")");
      return 2;
    }
    if (args.length == 1 || args[1].equals("-")) {
      return Decoders.decode(kind, stdin, out, err);
    }
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      return Decoders.decode(kind, in, out, err);
    }
  }

  private static void usage(PrintStream p) {
    p.println("usage: mailwire demo");
    p.println("       mailwire decode " + Decoders.Kind.names() + " [FILE|-]");
    p.println();
    p.println("  demo     start embedded mail servers on 127.0.0.1 and show the library at work,");
    p.println("           with the wire trace (C: client, S: server; credentials redacted)");
    p.println("  decode   parse a captured server stream (a file, or - / nothing for stdin) and");
    p.println("           print each response as parsed, or the error with its offset");
  }
}
