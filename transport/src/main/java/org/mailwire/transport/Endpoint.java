package org.mailwire.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where and how to connect: host, port, {@link Security}, timeouts and the TLS trust to use.
 *
 * <p>Certificates and host names are always verified: the chain against the {@link SSLContext}'s
 * trust (the JDK's default CAs unless you give a context or a trust store), and the host name
 * against the certificate (RFC 6125; IP literals against IP SANs), with SNI sent for host names.
 * There is no switch that turns verification off; for a private CA, pass its trust store.
 *
 * <pre>{@code
 * Endpoint ep = Endpoint.builder("imap.example.com", 993).build();            // implicit TLS
 * Endpoint lab = Endpoint.builder("127.0.0.1", 1143)
 *     .security(Security.STARTTLS)
 *     .trustStore(Path.of("truststore.p12"), "changeit".toCharArray())
 *     .readTimeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class Endpoint {
  /** Default connect timeout: 30 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** Default read timeout: 5 min (RFC 5321 §4.5.3.2 asks for 5 min or more on most replies). */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

  private final String host;
  private final int port;
  private final Security security;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final SSLContext sslContext;
  private final String tlsHostName;

  private Endpoint(Builder b) {
    this.tlsHostName = b.tlsHostName == null ? b.host : b.tlsHostName;
    this.host = b.host;
    this.port = b.port;
    this.security = b.security;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.sslContext = b.sslContext;
  }

  /**
   * Starts an endpoint for {@code host:port}, with implicit TLS and the default timeouts.
   *
   * @throws IllegalArgumentException for an empty host, a host with whitespace or control
   *     characters, or a port outside 1..65535
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Security security() {
    return security;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest a single read may block; {@link Duration#ZERO} means forever. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The name the server's certificate must match and that SNI carries: {@link #host()} unless set
   * with {@link Builder#tlsHostName(String)}.
   */
  public String tlsHostName() {
    return tlsHostName;
  }

  /** The TLS context: the caller's, one built from the trust store, or the JDK default. */
  public SSLContext sslContext() throws TransportException {
    if (sslContext != null) {
      return sslContext;
    }
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new TransportException("no default TLS context", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port + " (" + security + ")";
  }

  /** Builds an {@link Endpoint}. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Security security = Security.IMPLICIT_TLS;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private SSLContext sslContext;
    private String tlsHostName;

    private Builder(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty() || host.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException("host must be non-empty without whitespace or controls");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.host = host;
      this.port = port;
    }

    /** How the connection is protected; default {@link Security#IMPLICIT_TLS}. */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** Connect timeout; default 30 s. Must be positive. */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connect timeout must be positive");
      }
      this.connectTimeout = timeout;
      return this;
    }

    /** Read timeout; default 5 min. {@link Duration#ZERO} waits forever. */
    public Builder readTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("read timeout must not be negative");
      }
      this.readTimeout = timeout;
      return this;
    }

    /**
     * The TLS context to use, e.g. one whose trust managers know a private CA. Host name
     * verification stays on whatever the context.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Trusts exactly the certificates in {@code trustStore} (instead of the JDK's CAs).
     *
     * @throws IllegalArgumentException if the store cannot be used for trust
     */
    public Builder trustStore(KeyStore trustStore) {
      try {
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        this.sslContext = ctx;
        return this;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("unusable trust store: " + e.getMessage(), e);
      }
    }

    /**
     * Trusts exactly the certificates in the PKCS12 or JKS file {@code path}.
     *
     * @throws IOException if the file cannot be read or the password is wrong
     */
    public Builder trustStore(Path path, char[] password) throws IOException {
      try (InputStream in = Files.newInputStream(path)) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
          ks.load(in, password);
        } catch (GeneralSecurityException e) {
          throw new IOException("cannot load trust store " + path + ": " + e.getMessage(), e);
        }
        return trustStore(ks);
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot load trust store " + path + ": " + e.getMessage(), e);
      }
    }

    /**
     * Verifies the certificate against {@code name} (and sends it as SNI) instead of the host
     * connected to: for connecting to an address while the certificate names the service, e.g.
     * host {@code 192.0.2.7}, TLS name {@code imap.example.com}. Verification is never skipped.
     */
    public Builder tlsHostName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException("TLS host name must be non-empty without whitespace");
      }
      this.tlsHostName = name;
      return this;
    }

    public Endpoint build() {
      return new Endpoint(this);
    }
  }
}
