package org.mailwire.pop3;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.mailwire.pop3.codec.Apop;
import org.mailwire.pop3.codec.Capabilities;
import org.mailwire.pop3.codec.ListingDecoders;
import org.mailwire.pop3.codec.MailboxStat;
import org.mailwire.pop3.codec.Pop3Command;
import org.mailwire.pop3.codec.Pop3Session;
import org.mailwire.pop3.codec.Pop3State;
import org.mailwire.pop3.codec.ScanListing;
import org.mailwire.pop3.codec.StatusLine;
import org.mailwire.pop3.codec.UidListing;
import org.mailwire.pop3.internal.Connection;
import org.mailwire.sasl.Credentials;
import org.mailwire.sasl.Sasl;
import org.mailwire.sasl.SaslClient;
import org.mailwire.sasl.SaslException;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;

/**
 * A blocking POP3 client (RFC 1939 with RFC 2449 CAPA/PIPELINING/RESP-CODES, RFC 2595 STLS, RFC
 * 5034 SASL, RFC 6856 UTF8) over a {@link Transport}.
 *
 * <pre>{@code
 * Endpoint ep = Endpoint.builder("pop.example.com", 995).build();     // implicit TLS
 * try (Pop3Client pop = Pop3Client.connect(ep)) {
 *   pop.login("alice", password);
 *   MailboxStat st = pop.stat();
 *   try (InputStream msg = pop.retrieve(1)) { msg.transferTo(out); }
 *   pop.delete(1);                     // only a mark ...
 *   boolean committed = pop.quit();    // ... removed now, if the server said +OK
 * }
 * }</pre>
 *
 * <h2>Deletions are marks</h2>
 *
 * {@link #delete} only marks a message; the server removes marked messages when it answers {@code
 * QUIT} with {@code +OK} (RFC 1939 §6), and {@link #quit()} returns {@code true} only then. If the
 * connection closes in any other way ({@link #close()}, a network failure, a timeout, a protocol
 * error) the server keeps every message. {@link #reset()} unmarks them all.
 *
 * <h2>Security</h2>
 *
 * The {@link Endpoint}'s {@link Security} decides: {@code IMPLICIT_TLS} connects with TLS; {@code
 * STARTTLS} requires {@code STLS} (the client refuses to go on if the server does not offer it);
 * {@code PLAIN} stays in plaintext. Passwords are sent only over TLS or with a mechanism that does
 * not reveal them (SCRAM, CRAM-MD5, APOP), unless {@link Pop3Options#withAllowPlaintextAuth} opts
 * in. The wire trace never shows {@code PASS}, {@code APOP} digests or SASL responses, and shows
 * message bodies by size only.
 *
 * <h2>Errors and threads</h2>
 *
 * A {@code -ERR} throws {@link CommandException} (response code and text as data; the connection
 * stays usable). Malformed server data ({@link org.mailwire.transport.ProtocolException}) and I/O
 * failures ({@link TransportException}) close the connection. Calls are serialised with a {@link
 * ReentrantLock} (no monitors: cheap on virtual threads), but a client is meant for one thread at
 * a time. While a message stream from {@link #retrieve} or {@link #top} is open, other calls throw
 * {@link IllegalStateException}.
 */
public final class Pop3Client implements Closeable {
  private final Connection conn;
  private final Pop3Options options;
  private final ReentrantLock lock = new ReentrantLock();
  private MessageStream openStream;

  private Pop3Client(Connection conn, Pop3Options options) {
    this.conn = conn;
    this.options = options;
  }

  /**
   * Connects to {@code endpoint} with the default options: reads the greeting, asks for CAPA, and
   * for {@link Security#STARTTLS} upgrades with STLS.
   *
   * @return a client in the AUTHORIZATION state
   * @throws CommandException if the greeting is {@code -ERR}
   * @throws TransportException if the connection or TLS fails, or STARTTLS was asked for and the
   *     server does not offer STLS
   * @throws IOException for other I/O or protocol failures
   */
  public static Pop3Client connect(Endpoint endpoint) throws IOException {
    return connect(endpoint, Pop3Options.defaults());
  }

  /** {@link #connect(Endpoint)} with {@code options}. */
  public static Pop3Client connect(Endpoint endpoint, Pop3Options options) throws IOException {
    Transport t = SocketTransport.connect(endpoint);
    return over(t, endpoint.security(), options);
  }

  /**
   * Runs a POP3 session over an already connected transport (a custom transport, a proxy, a
   * scripted one in tests): reads the greeting, asks for CAPA, and for {@link Security#STARTTLS}
   * upgrades with STLS. The transport is closed if this fails.
   *
   * @param transport connected; for {@link Security#IMPLICIT_TLS} already secure
   * @param security how the connection must be protected
   * @param options the client options
   * @return a client in the AUTHORIZATION state
   * @throws IOException as {@link #connect(Endpoint)}
   */
  public static Pop3Client over(Transport transport, Security security, Pop3Options options)
      throws IOException {
    Pop3Client c = new Pop3Client(new Connection(transport, options.trace(), options.limits()), options);
    try {
      c.start(security);
      return c;
    } catch (IOException | RuntimeException e) {
      c.conn.close();
      throw e;
    }
  }

  private void start(Security security) throws IOException {
    if (security == Security.IMPLICIT_TLS && !conn.transport().isSecure()) {
      throw new IllegalArgumentException("IMPLICIT_TLS asked for, but the transport is not secure");
    }
    Pop3Session.Reply greeting = conn.readReply();
    if (!greeting.status().isOk()) {
      throw Connection.refusal(greeting);
    }
    capa();
    if (security == Security.STARTTLS) {
      if (!conn.session().capabilities().stls()) {
        throw new TransportException(
            "server does not offer STLS: refusing to continue without TLS (Security.STARTTLS)");
      }
      conn.send(Pop3Command.stls());
      conn.flush();
      conn.expectOk();
      conn.startTls();
      capa();
    }
  }

  // --- state --------------------------------------------------------------------------------

  /** Returns the server's greeting. */
  public StatusLine greeting() {
    return conn.session().greeting().orElseThrow();
  }

  /** Returns the APOP timestamp of the greeting, if the server offers APOP. */
  public Optional<String> apopTimestamp() {
    return Apop.timestamp(greeting());
  }

  /** Returns the capabilities from the last CAPA ({@link Capabilities#NONE} if unsupported). */
  public Capabilities capabilities() {
    return conn.session().capabilities();
  }

  /** Returns the session state. */
  public Pop3State state() {
    return conn.session().state();
  }

  /** Returns whether the connection is protected by TLS. */
  public boolean isSecure() {
    return conn.transport().isSecure();
  }

  /** Returns whether the server's +OK to QUIT committed the deletions (see the class doc). */
  public boolean deletionsCommitted() {
    return conn.session().deletionsCommitted();
  }

  // --- authorization ------------------------------------------------------------------------

  /**
   * Asks for the capabilities again ({@code CAPA}); {@link Capabilities#NONE} if the server
   * answers {@code -ERR}.
   *
   * @return the capabilities, also kept for {@link #capabilities()}
   * @throws IOException on I/O or protocol failure
   */
  public Capabilities capa() throws IOException {
    lock.lock();
    try {
      checkNoStream();
      conn.send(Pop3Command.capa());
      conn.flush();
      Pop3Session.Reply r = conn.readReply();
      if (!r.status().isOk()) {
        conn.session().onCapabilities(Capabilities.NONE);
        return Capabilities.NONE;
      }
      return conn.readCapabilities();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Logs in with a password, using the method of {@link Pop3Options#authMethod()} ({@link
   * AuthMethod#AUTO}: SASL when a mechanism usable for these credentials is offered, else APOP
   * when the greeting has a timestamp, else USER/PASS). Then asks for CAPA again, since
   * capabilities may change after login (RFC 2449 §5).
   *
   * @param user the login name
   * @param password the password; not kept after this call returns
   * @throws CommandException if the server refuses (code {@code AUTH} for wrong credentials;
   *     {@code IN-USE}, {@code LOGIN-DELAY}, {@code SYS/TEMP} are transient); the client stays in
   *     AUTHORIZATION and may try again
   * @throws SaslException if no SASL mechanism fits or the server failed to prove itself (SCRAM)
   * @throws IllegalStateException if not in AUTHORIZATION, or the only possible method would send
   *     the password in plaintext without TLS and plaintext auth was not allowed, or APOP was asked
   *     for and the greeting has no timestamp
   * @throws IOException on I/O or protocol failure
   */
  public void login(String user, char[] password) throws IOException {
    lock.lock();
    try {
      checkNoStream();
      requireState(Pop3State.AUTHORIZATION, "login");
      Credentials creds = Credentials.password(user, password);
      AuthMethod m = options.authMethod();
      boolean plaintextOk = conn.transport().isSecure() || options.allowPlaintextAuth();
      Optional<String> ts = apopTimestamp();
      List<String> offered = capabilities().saslMechanisms();
      if (m == AuthMethod.SASL || (m == AuthMethod.AUTO && !offered.isEmpty())) {
        SaslClient sasl;
        try {
          sasl = Sasl.choose(offered, creds, conn.transport().isSecure(), options.saslOptions());
        } catch (SaslException e) {
          if (m == AuthMethod.SASL || (ts.isEmpty() && !plaintextOk)) {
            throw e;
          }
          sasl = null;
        }
        if (sasl != null) {
          authenticate(sasl);
          afterLogin();
          return;
        }
      }
      if (m == AuthMethod.APOP || (m == AuthMethod.AUTO && ts.isPresent())) {
        if (ts.isEmpty()) {
          throw new IllegalStateException("APOP asked for, but the server's greeting has no timestamp");
        }
        Pop3Command apop = Pop3Command.apop(user, ts.get(), password);
        conn.send(apop);
        conn.flush();
        apop.wipe();
        conn.expectOk();
        afterLogin();
        return;
      }
      if (!plaintextOk) {
        throw new IllegalStateException(
            "USER/PASS would send the password in plaintext on a connection without TLS;"
                + " use TLS or Pop3Options.withAllowPlaintextAuth(true)");
      }
      conn.send(Pop3Command.user(user));
      conn.flush();
      conn.expectOk();
      Pop3Command pass = Pop3Command.pass(password);
      conn.send(pass);
      conn.flush();
      pass.wipe();
      conn.expectOk();
      afterLogin();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Logs in with SASL only ({@code AUTH}, RFC 5034), e.g. with OAuth credentials ({@code
   * XOAUTH2}, {@code OAUTHBEARER}); the mechanism is chosen from the server's CAPA list.
   *
   * @throws CommandException if the server refuses
   * @throws SaslException if no offered mechanism fits the credentials and the connection
   * @throws IllegalStateException if not in AUTHORIZATION
   * @throws IOException on I/O or protocol failure
   */
  public void login(Credentials credentials) throws IOException {
    lock.lock();
    try {
      checkNoStream();
      requireState(Pop3State.AUTHORIZATION, "login");
      SaslClient sasl = Sasl.choose(
          capabilities().saslMechanisms(), credentials, conn.transport().isSecure(), options.saslOptions());
      authenticate(sasl);
      afterLogin();
    } finally {
      lock.unlock();
    }
  }

  private void authenticate(SaslClient sasl) throws IOException {
    String name = sasl.mechanism().saslName();
    byte[] ir = sasl.initialResponseBase64();
    Pop3Command auth = ir != null && Pop3Command.initialResponseFits(name, ir.length)
        ? Pop3Command.auth(name, ir)
        : Pop3Command.auth(name, null);
    conn.send(auth);
    conn.flush();
    auth.wipe();
    while (true) {
      Pop3Session.Reply r = conn.readReply();
      StatusLine s = r.status();
      if (s.isContinuation()) {
        byte[] challenge = s.text().getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer;
        try {
          answer = sasl.respondBase64(challenge, 0, challenge.length);
        } catch (SaslException e) {
          conn.send(Pop3Command.authCancel());
          conn.flush();
          conn.readReply();
          throw e;
        }
        Pop3Command resp = Pop3Command.authResponse(answer);
        conn.send(resp);
        conn.flush();
        resp.wipe();
      } else if (s.isOk()) {
        try {
          sasl.complete(null);
        } catch (SaslException e) {
          // The server claims success without proving itself: do not trust this connection.
          conn.close();
          throw e;
        }
        return;
      } else {
        throw Connection.refusal(r);
      }
    }
  }

  private void afterLogin() throws IOException {
    if (capabilities() != Capabilities.NONE) {
      conn.send(Pop3Command.capa());
      conn.flush();
      Pop3Session.Reply r = conn.readReply();
      if (r.status().isOk()) {
        conn.readCapabilities();
      }
    }
  }

  /**
   * Enables UTF-8 mode ({@code UTF8}, RFC 6856 §2), allowed in AUTHORIZATION before login.
   *
   * @throws CommandException if the server refuses
   * @throws IOException on I/O or protocol failure
   */
  public void utf8() throws IOException {
    lock.lock();
    try {
      checkNoStream();
      requireState(Pop3State.AUTHORIZATION, "UTF8");
      conn.send(Pop3Command.utf8());
      conn.flush();
      conn.expectOk();
    } finally {
      lock.unlock();
    }
  }

  // --- transaction --------------------------------------------------------------------------

  /**
   * {@code STAT}: the number of messages and their total size, not counting those marked deleted.
   *
   * @throws CommandException on {@code -ERR}
   * @throws IOException on I/O or protocol failure
   */
  public MailboxStat stat() throws IOException {
    lock.lock();
    try {
      Pop3Session.Reply r = simple(Pop3Command.stat());
      return ListingDecoders.parseStat(r.status());
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code LIST}: number and size of every message not marked deleted.
   *
   * @throws IOException on {@code -ERR}, I/O or protocol failure
   */
  public ScanListing list() throws IOException {
    lock.lock();
    try {
      simple(Pop3Command.list());
      return conn.readLines(ListingDecoders.scanListing(options.limits()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code LIST n}: the size of one message in octets.
   *
   * @throws CommandException if there is no such message (or it is marked deleted)
   * @throws IOException on I/O or protocol failure
   */
  public long list(int message) throws IOException {
    lock.lock();
    try {
      return ListingDecoders.parseListSize(simple(Pop3Command.list(message)).status());
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code UIDL}: every message's unique id.
   *
   * @throws CommandException if the server does not support UIDL
   * @throws IOException on I/O or protocol failure
   */
  public UidListing uidl() throws IOException {
    lock.lock();
    try {
      simple(Pop3Command.uidl());
      return conn.readLines(ListingDecoders.uidListing(options.limits()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code UIDL n}: one message's unique id.
   *
   * @throws CommandException if there is no such message or UIDL is unsupported
   * @throws IOException on I/O or protocol failure
   */
  public String uidl(int message) throws IOException {
    lock.lock();
    try {
      return ListingDecoders.parseUid(simple(Pop3Command.uidl(message)).status());
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code RETR n}: the message as a stream that reads through the connection (never buffered
   * whole). Read it to the end or close it before the next call; it returns {@code -1} only at the
   * POP3 terminator and throws {@link org.mailwire.transport.ConnectionClosedException} if the
   * connection closes first.
   *
   * @return the message bytes, dot-stuffing removed, CRLF line ends as sent
   * @throws CommandException if there is no such message
   * @throws IOException on I/O or protocol failure
   */
  public InputStream retrieve(int message) throws IOException {
    return bodyCommand(Pop3Command.retr(message));
  }

  /**
   * {@code RETR n} copied into {@code sink}.
   *
   * @return the number of bytes written to {@code sink}
   * @throws CommandException if there is no such message
   * @throws IOException on I/O or protocol failure, or from {@code sink} (the rest of the message
   *     is then skipped so the connection stays usable, if it still is)
   */
  public long retrieve(int message, OutputStream sink) throws IOException {
    try (InputStream in = retrieve(message)) {
      return in.transferTo(sink);
    }
  }

  /**
   * {@code TOP n lines}: the header and the first {@code lines} lines of the body, as a stream
   * like {@link #retrieve(int)}.
   *
   * @throws CommandException if there is no such message or TOP is unsupported
   * @throws IOException on I/O or protocol failure
   */
  public InputStream top(int message, int lines) throws IOException {
    return bodyCommand(Pop3Command.top(message, lines));
  }

  private InputStream bodyCommand(Pop3Command c) throws IOException {
    lock.lock();
    try {
      simple(c);
      conn.beginBody();
      MessageStream s = new MessageStream(conn);
      openStream = s;
      return s;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Retrieves several messages, pipelined when the server announces PIPELINING ({@code RETR}
   * commands go out together, replies are matched in order), one by one otherwise.
   *
   * @param messages the message numbers, in the order to retrieve them
   * @param handler called for each message the server sends, in order
   * @return the messages the server refused ({@code -ERR}), with the refusal; empty if none
   * @throws IOException on I/O or protocol failure, or the handler's exception (after the replies
   *     in flight were drained)
   */
  public Map<Integer, CommandException> retrieveEach(int[] messages, MessageHandler handler)
      throws IOException {
    lock.lock();
    try {
      checkNoStream();
      requireState(Pop3State.TRANSACTION, "RETR");
      Map<Integer, CommandException> refused = new LinkedHashMap<>();
      int window = pipelineWindow();
      int sent = 0;
      IOException handlerFailure = null;
      for (int i = 0; i < messages.length; i++) {
        while (sent < messages.length && sent - i < window) {
          conn.send(Pop3Command.retr(messages[sent++]));
        }
        conn.flush();
        Pop3Session.Reply r = conn.readReply();
        if (!r.status().isOk()) {
          refused.put(messages[i], Connection.refusal(r));
          continue;
        }
        conn.beginBody();
        MessageStream s = new MessageStream(conn);
        if (handlerFailure == null) {
          try {
            handler.handle(messages[i], s);
          } catch (IOException e) {
            if (conn.isClosed()) {
              throw e;
            }
            handlerFailure = e;
            // Read the replies already in flight, but send no more commands.
            messages = Arrays.copyOf(messages, sent);
          }
        }
        s.close();
      }
      if (handlerFailure != null) {
        throw handlerFailure;
      }
      return refused;
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code DELE n}: marks a message deleted. It is removed only when the server answers {@link
   * #quit()} with {@code +OK}; until then {@link #reset()} unmarks it, and a lost connection
   * keeps it.
   *
   * @throws CommandException if there is no such message or it is already marked
   * @throws IOException on I/O or protocol failure
   */
  public void delete(int message) throws IOException {
    lock.lock();
    try {
      simple(Pop3Command.dele(message));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks several messages deleted, pipelined when the server announces PIPELINING. As with
   * {@link #delete(int)}, nothing is removed before {@link #quit()}'s {@code +OK}.
   *
   * @return the messages the server refused to mark, with the refusal; empty if none
   * @throws IOException on I/O or protocol failure
   */
  public Map<Integer, CommandException> deleteAll(int... messages) throws IOException {
    lock.lock();
    try {
      checkNoStream();
      requireState(Pop3State.TRANSACTION, "DELE");
      Map<Integer, CommandException> refused = new LinkedHashMap<>();
      int window = pipelineWindow();
      for (int i = 0; i < messages.length; i += window) {
        int end = Math.min(messages.length, i + window);
        for (int j = i; j < end; j++) {
          conn.send(Pop3Command.dele(messages[j]));
        }
        conn.flush();
        for (int j = i; j < end; j++) {
          Pop3Session.Reply r = conn.readReply();
          if (!r.status().isOk()) {
            refused.put(messages[j], Connection.refusal(r));
          }
        }
      }
      return refused;
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code RSET}: unmarks every message marked deleted.
   *
   * @throws IOException on {@code -ERR}, I/O or protocol failure
   */
  public void reset() throws IOException {
    lock.lock();
    try {
      simple(Pop3Command.rset());
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code NOOP}.
   *
   * @throws IOException on {@code -ERR}, I/O or protocol failure
   */
  public void noop() throws IOException {
    lock.lock();
    try {
      simple(Pop3Command.noop());
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code QUIT}: ends the session. In TRANSACTION the server now removes the messages marked
   * deleted (UPDATE state); the connection is closed afterwards in every case.
   *
   * @return {@code true} if the server answered {@code +OK} after login: the marked messages were
   *     removed; {@code false} if the session never logged in (nothing to commit)
   * @throws CommandException if the server answered {@code -ERR} (RFC 1939: some marked messages
   *     may not have been removed)
   * @throws TransportException if the connection failed before the reply: whether the server
   *     removed the messages is then unknown
   * @throws IOException on protocol failure
   */
  public boolean quit() throws IOException {
    lock.lock();
    try {
      checkNoStream();
      if (conn.isClosed()) {
        throw new IllegalStateException("connection is already closed");
      }
      try {
        conn.send(Pop3Command.quit());
        conn.flush();
        conn.expectOk();
        return conn.session().deletionsCommitted();
      } finally {
        conn.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the connection without {@code QUIT}: no message marked deleted is removed. Idempotent;
   * never throws.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      conn.close();
    } finally {
      lock.unlock();
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private int pipelineWindow() {
    return options.pipelining() && capabilities().pipelining() ? options.pipelineWindow() : 1;
  }

  private Pop3Session.Reply simple(Pop3Command c) throws IOException {
    checkNoStream();
    requireState(Pop3State.TRANSACTION, c.name().toString());
    conn.send(c);
    conn.flush();
    return conn.expectOk();
  }

  private void requireState(Pop3State s, String what) {
    if (conn.isClosed()) {
      throw new IllegalStateException(what + ": the connection is closed (state " + state() + ")");
    }
    if (state() != s) {
      throw new IllegalStateException(what + " needs state " + s + ", but the session is " + state());
    }
  }

  private void checkNoStream() {
    if (openStream != null && !openStream.ended()) {
      if (conn.isClosed()) {
        openStream = null;
        return;
      }
      throw new IllegalStateException("read the previous message stream to its end or close it first");
    }
    openStream = null;
  }

  /** For helpers in this package: whether the connection is gone. */
  boolean isClosed() {
    return conn.isClosed();
  }
}
