package org.mailwire.transport.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;

/**
 * The real servers started by {@code scripts/rig/start.sh}: ports, users and the trust store, read
 * from the properties file named by the system property {@code mailwire.rig} (or the environment
 * variable {@code MAILWIRE_RIG}). Integration tests ({@code *IT}) fail, rather than skip, when it
 * is missing: a run that claims to test real servers must have them.
 *
 * <p>Services: {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}, {@code lmtp}, {@code
 * smtp}, {@code smtps}, {@code submission}.
 */
public final class Rig {
  private static Rig instance;

  private final Properties p;

  private Rig(Properties p) {
    this.p = p;
  }

  /** The rig of this test run. */
  public static synchronized Rig get() {
    if (instance == null) {
      String file = System.getProperty("mailwire.rig");
      if (file == null || file.isBlank()) {
        file = System.getenv("MAILWIRE_RIG");
      }
      if (file == null || file.isBlank()) {
        throw new AssertionError(
            "integration tests need the real servers: run scripts/test.sh, or scripts/rig/start.sh"
                + " and pass -Dmailwire.rig=<dir>/rig.properties");
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(file))) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rig file " + file, e);
      }
      instance = new Rig(p);
    }
    return instance;
  }

  /** A raw property of the rig file. */
  public String property(String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new AssertionError("rig file has no " + key);
    }
    return v;
  }

  public String host() {
    return property("host");
  }

  /** The port of {@code service}, e.g. {@code "imaps"}. */
  public int port(String service) {
    return Integer.parseInt(property(service + ".port"));
  }

  public Path trustStore() {
    return Path.of(property("truststore"));
  }

  public char[] trustStorePassword() {
    return property("truststore.password").toCharArray();
  }

  /** An endpoint for {@code service} with {@code security}, trusting the rig's certificate. */
  public Endpoint.Builder endpoint(String service, Security security) {
    try {
      return Endpoint.builder(host(), port(service))
          .security(security)
          .trustStore(trustStore(), trustStorePassword());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Test user {@code n} (1 or 2): login name. */
  public String user(int n) {
    return property("user" + n);
  }

  /** Test user {@code n}'s password. */
  public String password(int n) {
    return property("user" + n + ".password");
  }

  /** Test user {@code n}'s mail address. */
  public String address(int n) {
    return property("user" + n + ".address");
  }
}
