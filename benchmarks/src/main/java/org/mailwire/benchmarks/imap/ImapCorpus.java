package org.mailwire.benchmarks.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic IMAP server traffic for the benchmarks. */
final class ImapCorpus {
  private ImapCorpus() {}

  /**
   * {@code n} header-sync FETCH responses ({@code UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE
   * BODYSTRUCTURE}): half multipart/alternative, half multipart/mixed with one or two
   * attachments; one subject in four is sent as a literal holding RFC 2047 encoded words.
   */
  static byte[] headerSync(int n) {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder(n * 1200);
    String[] names = {"Alice Example", "Bob Builder", "Carol Singer", "Dave Null", "Eve Listener"};
    String[] hosts = {"example.com", "mail.example.org", "corp.example.net"};
    for (int i = 1; i <= n; i++) {
      sb.append("* ").append(i).append(" FETCH (UID ").append(1000 + i).append(" FLAGS (");
      if (r.nextBoolean()) {
        sb.append("\\Seen");
        if (r.nextInt(4) == 0) {
          sb.append(" \\Answered $Forwarded");
        }
      }
      sb.append(") RFC822.SIZE ").append(2000 + r.nextInt(200000));
      sb.append(" INTERNALDATE \"").append(String.format("%02d", 1 + r.nextInt(28))).append("-Mar-2024 ")
          .append(String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60))).append(" +0100\"");
      sb.append(" ENVELOPE (\"Mon, 4 Mar 2024 10:11:12 +0100\" ");
      if (i % 4 == 0) {
        String subj = "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen_" + i + "?= =?UTF-8?B?w6TDtsO8?=";
        sb.append('{').append(subj.length()).append("}\r\n").append(subj);
      } else {
        sb.append("\"Quarterly report ").append(i).append(" and follow-up\"");
      }
      String from = address(names[r.nextInt(names.length)], "user" + r.nextInt(100), hosts[r.nextInt(hosts.length)]);
      sb.append(" (").append(from).append(") (").append(from).append(") (").append(from).append(") (");
      int to = 1 + r.nextInt(3);
      for (int k = 0; k < to; k++) {
        sb.append(address(names[r.nextInt(names.length)], "rcpt" + k, hosts[r.nextInt(hosts.length)]));
      }
      sb.append(") ");
      sb.append(r.nextInt(3) == 0 ? "((NIL NIL \"team\" \"example.com\"))" : "NIL");
      sb.append(" NIL ");
      sb.append(i % 3 == 0 ? "\"<prev" + i + "@example.com>\"" : "NIL");
      sb.append(" \"<msg").append(i).append(".").append(r.nextInt(1 << 30)).append("@example.com>\")");
      sb.append(" BODYSTRUCTURE ");
      String alt = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" " + (500 + r.nextInt(5000)) + " " + (10 + r.nextInt(100))
          + " NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" " + (2000 + r.nextInt(20000)) + " " + (40 + r.nextInt(400))
          + " NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"alt-" + i + "\") NIL NIL NIL)";
      if (i % 2 == 0) {
        sb.append(alt);
      } else {
        sb.append('(').append(alt);
        int att = 1 + r.nextInt(2);
        for (int k = 0; k < att; k++) {
          sb.append("(\"application\" \"pdf\" (\"name\" \"report-").append(k).append(".pdf\") NIL NIL \"base64\" ")
              .append(10000 + r.nextInt(100000)).append(" NIL (\"attachment\" (\"filename\" \"report-").append(k)
              .append(".pdf\" \"size\" \"").append(7000 + k).append("\")) NIL NIL)");
        }
        sb.append(" \"mixed\" (\"boundary\" \"mix-").append(i).append("\") NIL NIL NIL)");
      }
      sb.append(")\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String address(String name, String mailbox, String host) {
    return "(\"" + name + "\" NIL \"" + mailbox + "\" \"" + host + "\")";
  }

  /** One FETCH response carrying a BODY[] literal of {@code size} bytes, then its tagged completion. */
  static byte[] bodyFetch(int size) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(size + 100);
    o.writeBytes(("* 1 FETCH (UID 42 BODY[] {" + size + "}\r\n").getBytes(StandardCharsets.US_ASCII));
    Random r = new Random(3);
    int col = 0;
    for (int i = 0; i < size; i++) {
      if (col == 76 && i + 2 <= size) {
        o.write('\r');
        o.write('\n');
        i++;
        col = 0;
        continue;
      }
      o.write('a' + r.nextInt(26));
      col++;
    }
    o.writeBytes(")\r\nA1 OK done\r\n".getBytes(StandardCharsets.US_ASCII));
    return o.toByteArray();
  }
}
