package org.mailwire.cli.pop3;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.mailwire.cli.DemoContext;
import org.mailwire.pop3.Pop3Client;
import org.mailwire.pop3.Pop3Options;
import org.mailwire.pop3.codec.MailboxStat;
import org.mailwire.pop3.codec.ScanListing;
import org.mailwire.pop3.codec.UidListing;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;

/**
 * The POP3 step of {@code mailwire demo}: connects to the embedded POP3 server in plaintext
 * (loopback, so plaintext authentication is opted in), logs in, prints STAT and UIDL, retrieves
 * the newest message and prints its header summary, and quits, with the wire trace.
 */
public final class Pop3Demo {
  private Pop3Demo() {}

  /**
   * Runs the demo step.
   *
   * @param ctx the embedded servers, the demo user and where to print
   * @throws Exception if the server cannot be reached or refuses
   */
  public static void run(DemoContext ctx) throws Exception {
    PrintStream out = ctx.out();
    out.println("POP3: connect (plain, loopback), log in, STAT, UIDL, retrieve the newest message, QUIT");
    Endpoint ep = Endpoint.builder(ctx.host(), ctx.pop3Port())
        .security(Security.PLAIN)
        .readTimeout(Duration.ofSeconds(30))
        .build();
    Pop3Options options = Pop3Options.defaults().withAllowPlaintextAuth(true).withTrace(ctx.trace());
    try (Pop3Client pop = Pop3Client.connect(ep, options)) {
      pop.login(ctx.user(), ctx.password().toCharArray());
      MailboxStat stat = pop.stat();
      out.println("  STAT: " + stat.messages() + " message(s), " + stat.octets() + " octets");
      if (pop.capabilities().uidl() || pop.capabilities().names().isEmpty()) {
        UidListing uids = pop.uidl();
        for (int i = 0; i < uids.size(); i++) {
          out.println("  UIDL: message " + uids.number(i) + " -> " + uids.uid(i));
        }
      }
      if (stat.messages() == 0) {
        out.println("  the maildrop is empty: nothing to retrieve");
      } else {
        ScanListing listing = pop.list();
        int last = listing.size() - 1;
        int newest = listing.number(last);
        out.println("  newest message: " + newest + " (" + listing.octets(last) + " octets); its headers:");
        try (InputStream msg = pop.retrieve(newest)) {
          printHeaders(msg, out);
        }
      }
      boolean committed = pop.quit();
      out.println("  QUIT: " + (committed ? "session ended (nothing was marked deleted)" : "session ended"));
    }
  }

  private static void printHeaders(InputStream msg, PrintStream out) throws java.io.IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(msg, StandardCharsets.UTF_8));
    long bodyBytes = 0;
    String line;
    boolean inHeader = true;
    while ((line = r.readLine()) != null) {
      if (inHeader) {
        if (line.isEmpty()) {
          inHeader = false;
          continue;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("from:") || lower.startsWith("to:") || lower.startsWith("subject:")
            || lower.startsWith("date:") || lower.startsWith("message-id:")) {
          out.println("    " + line);
        }
      } else {
        bodyBytes += line.length() + 2;
      }
    }
    out.println("    (body: about " + bodyBytes + " bytes)");
  }
}
