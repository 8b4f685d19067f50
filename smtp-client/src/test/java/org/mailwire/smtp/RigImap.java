package org.mailwire.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.mailwire.transport.testkit.Rig;

/**
 * A minimal raw IMAP exchange over the rig's imaps port, to read delivered messages back (the IMAP
 * module is not used here): LOGIN, SELECT INBOX, UID SEARCH, UID FETCH BODY.PEEK[] with the
 * literal parsed by hand.
 */
final class RigImap implements AutoCloseable {
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private int tag;

  private RigImap(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new java.io.BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RigImap login(int user) throws Exception {
    Rig rig = Rig.get();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream f = java.nio.file.Files.newInputStream(rig.trustStore())) {
      ks.load(f, rig.trustStorePassword());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(rig.host(), rig.port("imaps"));
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.setSoTimeout(20_000);
    RigImap imap = new RigImap(s);
    imap.line(); // greeting
    imap.command("LOGIN " + rig.user(user) + " " + rig.password(user));
    imap.command("SELECT INBOX");
    return imap;
  }

  /** UIDs of the messages whose header {@code name} contains {@code value}. */
  List<Long> searchHeader(String name, String value) throws IOException {
    return search("HEADER " + name + " " + quote(value));
  }

  /** UIDs of the messages whose text contains {@code value}. */
  List<Long> searchText(String value) throws IOException {
    return search("TEXT " + quote(value));
  }

  private List<Long> search(String criteria) throws IOException {
    List<Long> uids = new ArrayList<>();
    for (String l : command("UID SEARCH " + criteria)) {
      if (l.startsWith("* SEARCH")) {
        for (String n : l.substring(8).trim().split(" ")) {
          if (!n.isEmpty()) {
            uids.add(Long.parseLong(n));
          }
        }
      }
    }
    return uids;
  }

  /** The raw message with {@code uid} (BODY.PEEK[] literal). */
  byte[] fetch(long uid) throws IOException {
    String t = "f" + (++tag);
    send(t + " UID FETCH " + uid + " BODY.PEEK[]");
    byte[] body = null;
    while (true) {
      String l = line();
      if (l.startsWith("* ") && l.endsWith("}") && l.contains("BODY[]")) {
        int n = Integer.parseInt(l.substring(l.lastIndexOf('{') + 1, l.length() - 1));
        body = in.readNBytes(n);
        line(); // rest of the FETCH response: ")"
      } else if (l.startsWith(t + " ")) {
        if (!l.startsWith(t + " OK")) {
          throw new IOException("FETCH failed: " + l);
        }
        break;
      }
    }
    if (body == null) {
      throw new IOException("no BODY[] for UID " + uid);
    }
    return body;
  }

  /**
   * Polls until exactly one message has {@code Message-ID: messageId}, then returns it raw.
   *
   * @throws AssertionError when none arrives within {@code seconds}
   */
  static byte[] awaitMessage(int user, String messageId, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      try (RigImap imap = login(user)) {
        List<Long> uids = imap.searchHeader("Message-ID", messageId);
        if (uids.size() > 1) {
          throw new AssertionError(uids.size() + " messages with Message-ID " + messageId);
        }
        if (uids.size() == 1) {
          return imap.fetch(uids.get(0));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no message with Message-ID " + messageId + " for user " + user + " within " + seconds + " s");
      }
      Thread.sleep(250);
    }
  }

  /** Number of messages of {@code user} whose Message-ID contains {@code token}, right now. */
  static int count(int user, String token) throws Exception {
    try (RigImap imap = login(user)) {
      return imap.searchHeader("Message-ID", token).size();
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private List<String> command(String cmd) throws IOException {
    String t = "a" + (++tag);
    send(t + " " + cmd);
    List<String> lines = new ArrayList<>();
    while (true) {
      String l = line();
      if (l.startsWith(t + " ")) {
        if (!l.startsWith(t + " OK")) {
          throw new IOException(cmd.split(" ")[0] + " failed: " + l);
        }
        return lines;
      }
      lines.add(l);
    }
  }

  private void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      b.write(c);
    }
    if (c < 0) {
      throw new IOException("IMAP connection closed");
    }
    String s = b.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() throws IOException {
    try {
      send("z LOGOUT");
    } finally {
      socket.close();
    }
  }
}
