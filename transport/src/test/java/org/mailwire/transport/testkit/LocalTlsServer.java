package org.mailwire.transport.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection-at-a-time server on 127.0.0.1 for transport tests, with a real certificate
 * made by the JDK's {@code keytool}: a {@link Handler} runs each accepted connection on a platform
 * thread and may upgrade it to TLS ({@link Conn#startTls()}).
 *
 * <p>{@link Certs} makes the key material once per JVM: a certificate for {@code localhost} and
 * {@code 127.0.0.1}, one for {@code other.example} (a certificate "for another host"), and a trust
 * store holding only the localhost one.
 */
public final class LocalTlsServer implements AutoCloseable {

  /** What the server does with one connection. */
  @FunctionalInterface
  public interface Handler {
    void handle(Conn conn) throws Exception;
  }

  /** One accepted connection, plaintext until {@link #startTls()}. */
  public static final class Conn {
    private Socket socket;
    private final SSLContext tls;
    private InputStream in;
    private OutputStream out;

    Conn(Socket socket, SSLContext tls) throws IOException {
      this.socket = socket;
      this.tls = tls;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** Sends {@code s} (ISO-8859-1) and flushes. */
    public void send(String s) throws IOException {
      send(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes and flushes. */
    public void send(byte[] b) throws IOException {
      out.write(b);
      out.flush();
    }

    /** Reads one line up to LF (without CRLF), or {@code null} at end of stream. */
    public String readLine() throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          int n = sb.length();
          return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
        }
        sb.append((char) c);
      }
      return sb.length() == 0 ? null : sb.toString();
    }

    /** Completes a server-side TLS handshake on this connection. */
    public void startTls() throws IOException {
      SSLSocket ssl =
          (SSLSocket)
              tls.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
      ssl.setUseClientMode(false);
      ssl.startHandshake();
      socket = ssl;
      in = ssl.getInputStream();
      out = ssl.getOutputStream();
    }

    /** The raw input stream. */
    public InputStream in() {
      return in;
    }

    /** Closes the connection. */
    public void close() throws IOException {
      socket.close();
    }
  }

  private final ServerSocket server;
  private final Thread thread;
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final SSLContext tls;
  private final boolean implicitTls;

  private LocalTlsServer(Handler handler, SSLContext tls, boolean implicitTls) throws IOException {
    this.tls = tls;
    this.implicitTls = implicitTls;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.thread = new Thread(() -> serve(handler), "local-tls-server-" + server.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts a server whose connections begin in plaintext (the handler may call {@link
   * Conn#startTls()}), presenting the {@code localhost} certificate on upgrade.
   */
  public static LocalTlsServer plain(Handler handler) throws IOException {
    return new LocalTlsServer(handler, Certs.get().serverContext("localhost"), false);
  }

  /** Starts an implicit-TLS server presenting the certificate of {@code alias} ({@code "localhost"} or {@code "other"}). */
  public static LocalTlsServer implicitTls(String alias, Handler handler) throws IOException {
    return new LocalTlsServer(handler, Certs.get().serverContext(alias), true);
  }

  private void serve(Handler handler) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        Conn c = new Conn(s, tls);
        if (implicitTls) {
          try {
            c.startTls();
          } catch (IOException e) {
            continue; // the client refused our certificate: expected in some tests
          }
        }
        handler.handle(c);
      } catch (IOException e) {
        if (!server.isClosed()) {
          errors.add(e);
        }
      } catch (Exception | AssertionError e) {
        errors.add(e);
      }
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return server.getLocalPort();
  }

  /** Failures the handler threw (other than I/O after the client went away). */
  public List<Throwable> errors() {
    return errors;
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The test key material, made once per JVM with {@code keytool}. */
  public static final class Certs {
    private static Certs instance;
    private final Path dir;
    private final KeyStore keys;
    private final KeyStore trust;

    private Certs(Path dir, KeyStore keys, KeyStore trust) {
      this.dir = dir;
      this.keys = keys;
      this.trust = trust;
    }

    /** The key material of this JVM, created on first use. */
    public static synchronized Certs get() {
      if (instance == null) {
        try {
          instance = create();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return instance;
    }

    private static Certs create() throws IOException, GeneralSecurityException, InterruptedException {
      Path dir = Files.createTempDirectory("mailwire-tls");
      dir.toFile().deleteOnExit();
      Path ks = dir.resolve("keys.p12");
      Path ts = dir.resolve("trust.p12");
      Path crt = dir.resolve("localhost.crt");
      keytool("-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
          "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
      keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=other.example", "-ext", "SAN=dns:other.example", "-validity", "30",
          "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
      keytool("-exportcert", "-alias", "localhost", "-keystore", ks.toString(), "-storepass", "changeit",
          "-rfc", "-file", crt.toString());
      keytool("-importcert", "-noprompt", "-alias", "localhost", "-file", crt.toString(),
          "-keystore", ts.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
      return new Certs(dir, load(ks), load(ts));
    }

    private static KeyStore load(Path p) throws IOException, GeneralSecurityException {
      KeyStore k = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p)) {
        k.load(in, "changeit".toCharArray());
      }
      return k;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
      Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      String[] cmd = new String[args.length + 1];
      cmd[0] = tool.toString();
      System.arraycopy(args, 0, cmd, 1, args.length);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + String.join(" ", cmd) + "\n" + out);
      }
    }

    /** A trust store holding only the {@code localhost} certificate. */
    public KeyStore trustStore() {
      return trust;
    }

    /** The directory holding {@code keys.p12}, {@code trust.p12} and {@code localhost.crt}. */
    public Path dir() {
      return dir;
    }

    SSLContext serverContext(String alias) {
      try {
        KeyStore only = KeyStore.getInstance("PKCS12");
        only.load(null, null);
        only.setKeyEntry(alias, keys.getKey(alias, "changeit".toCharArray()), "changeit".toCharArray(),
            keys.getCertificateChain(alias));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(only, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
