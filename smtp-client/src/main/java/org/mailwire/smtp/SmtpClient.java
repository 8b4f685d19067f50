package org.mailwire.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.mailwire.sasl.Credentials;
import org.mailwire.sasl.Sasl;
import org.mailwire.sasl.SaslClient;
import org.mailwire.sasl.SaslException;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.smtp.SmtpSession.Event;
import org.mailwire.smtp.SmtpSession.Phase;
import org.mailwire.smtp.SmtpSession.Verb;
import org.mailwire.smtp.codec.BodyType;
import org.mailwire.smtp.codec.Capabilities;
import org.mailwire.smtp.codec.CommandEncoder;
import org.mailwire.smtp.codec.DataEncoder;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.smtp.codec.LineEndings;
import org.mailwire.smtp.codec.MailFrom;
import org.mailwire.smtp.codec.RcptTo;
import org.mailwire.smtp.codec.Reply;
import org.mailwire.smtp.codec.ReplyDecoder;
import org.mailwire.smtp.codec.ReplyView;
import org.mailwire.smtp.internal.QueueIds;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.ConnectionClosedException;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.TransportTimeoutException;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * A blocking SMTP, submission or LMTP client over one connection: connect (greeting, EHLO with
 * HELO fallback, STARTTLS as the endpoint's {@link Security} says), {@link #login}, then any
 * number of {@link #send}s, then {@link #close()}.
 *
 * <pre>{@code
 * Endpoint ep = Endpoint.builder("smtp.example.com", 587).security(Security.STARTTLS).build();
 * try (SmtpClient smtp = SmtpClient.connect(ep)) {
 *   smtp.login(Credentials.password("alice", secret));
 *   Envelope env = Envelope.builder("alice@example.com").to("bob@example.org").build();
 *   SendResult r = smtp.send(env, Files.newInputStream(eml));
 *   System.out.println("queued as " + r.queueId().orElse("?"));
 * }
 * }</pre>
 *
 * <h2>The "sent" contract</h2>
 *
 * {@link #send} returns a {@link SendResult} only after the server's final 2yz reply to the end of
 * the content (DATA's final dot or BDAT LAST; for LMTP, at least one recipient's 2yz delivery
 * reply). Every other outcome is an exception naming the message ({@link Envelope#label()}):
 * {@link MessageRejectedException} when the server refused it (transient or permanent, per
 * recipient), {@link TransferFailedException} when the connection failed before the final reply.
 * A lost connection is never reported as success.
 *
 * <h2>What goes on the wire</h2>
 *
 * With PIPELINING, MAIL, every RCPT and DATA go out in one write and the replies are matched in
 * order (with {@link RecipientPolicy#ALL_OR_NOTHING} and several recipients, DATA waits for the
 * RCPT replies): two round trips per message. BDAT (CHUNKING) is used for BINARYMIME, or for every
 * message when {@link SmtpOptions#withChunking} is on; the envelope's replies are read before the
 * first chunk, and chunks of {@link SmtpOptions#chunkSize()} bytes follow one at a time, each
 * after the previous one's reply. Content is streamed from
 * the caller's {@link InputStream}; it is never held whole in memory. After STARTTLS, bytes received before the handshake are discarded and
 * EHLO is sent again.
 *
 * <p>Safe on virtual threads: a {@link ReentrantLock} (not a monitor lock) serialises the
 * operations of one client; use one client per thread, or {@link SmtpPool}.
 */
public final class SmtpClient implements Closeable {
  private final Transport transport;
  private final SmtpOptions options;
  private final String peer;
  private final WireTrace trace;
  private final SmtpSession session;
  private final ReplyDecoder decoder;
  private final InputBuffer in;
  private final ReplyView view = new ReplyView();
  private final ReentrantLock lock = new ReentrantLock();
  private Reply greeting;
  private volatile boolean closed;
  private byte[] raw;
  private byte[] encoded;

  private SmtpClient(Transport transport, SmtpOptions options, String peer) {
    this.transport = transport;
    this.options = options;
    this.peer = peer;
    this.trace = options.trace();
    this.session = new SmtpSession(options.dialect(), trace);
    this.decoder = new ReplyDecoder(options.replyLimits());
    int max = options.replyLimits().maxReplyLength() + 16 * 1024;
    this.in = new InputBuffer(Math.min(4096, max), max);
  }

  /**
   * Connects with {@link SmtpOptions#defaults()}; see {@link #connect(Endpoint, SmtpOptions)}.
   */
  public static SmtpClient connect(Endpoint endpoint) throws IOException {
    return connect(endpoint, SmtpOptions.defaults());
  }

  /**
   * Connects to {@code endpoint}, reads the greeting, sends EHLO (HELO when EHLO is refused with
   * 5yz; LHLO for LMTP) and, for {@link Security#STARTTLS}, upgrades the connection and sends EHLO
   * again. The socket's read timeout is derived from {@link SmtpOptions#timeouts()} (see {@link
   * SmtpTimeouts#tick()}); the endpoint's own read timeout is not used.
   *
   * @return a client ready to {@link #login} or {@link #send}
   * @throws CommandException when the server refuses the greeting (554, 421), EHLO and HELO, or
   *     STARTTLS
   * @throws TransportException when the connection or TLS handshake fails, or STARTTLS is
   *     required and not offered
   * @throws ProtocolException when the server sends something that is not a reply
   */
  public static SmtpClient connect(Endpoint endpoint, SmtpOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    Endpoint.Builder b =
        Endpoint.builder(endpoint.host(), endpoint.port())
            .security(endpoint.security())
            .connectTimeout(endpoint.connectTimeout())
            .readTimeout(options.timeouts().tick());
    if (endpoint.security() != Security.PLAIN) {
      b.sslContext(endpoint.sslContext());
    }
    Transport t = SocketTransport.connect(b.build());
    return open(t, endpoint.security(), options, endpoint.toString());
  }

  /**
   * Runs the client over a transport the caller connected (SOCKS, a proxy, an in-memory pipe):
   * reads the greeting and does what {@link #connect(Endpoint, SmtpOptions)} does. Reply
   * timeouts are checked whenever the transport's read times out.
   *
   * @param security {@link Security#STARTTLS} to upgrade with STARTTLS; otherwise none is tried
   * @throws IOException as {@link #connect(Endpoint, SmtpOptions)}; the transport is closed then
   */
  public static SmtpClient open(Transport transport, Security security, SmtpOptions options)
      throws IOException {
    return open(transport, security, options, "server");
  }

  private static SmtpClient open(
      Transport transport, Security security, SmtpOptions options, String peer) throws IOException {
    SmtpClient c = new SmtpClient(Objects.requireNonNull(transport, "transport"), options, peer);
    try {
      c.handshake(Objects.requireNonNull(security, "security"));
      return c;
    } catch (IOException | RuntimeException e) {
      c.abort();
      throw e;
    }
  }

  private void handshake(Security security) throws IOException {
    session.secure(transport.isSecure());
    greeting = readEvent().reply();
    if (!greeting.isPositiveCompletion()) {
      quitQuietly();
      throw refused("greeting", greeting);
    }
    hello();
    if (security == Security.STARTTLS && !transport.isSecure()) {
      if (!session.offers(Extension.STARTTLS)) {
        throw new TransportException(
            peer + " does not offer STARTTLS; refusing to continue in plaintext");
      }
      session.startTls();
      flush();
      Reply r = readEvent().reply();
      if (r.code() != 220) {
        throw refused("STARTTLS", r);
      }
      // RFC 3207 §4.2: nothing received before the handshake may be used after it.
      int dropped = in.discard();
      if (dropped > 0) {
        trace.note("discarded " + dropped + " bytes received in plaintext after the STARTTLS reply");
      }
      transport.startTls();
      session.tlsEstablished();
      trace.note("TLS established: " + transport.tlsInfo().map(TlsInfo::protocol).orElse("?"));
      hello();
    }
  }

  private void hello() throws IOException {
    checkNoStrayInput();
    String domain = options.clientDomain();
    if (options.dialect() == Dialect.LMTP) {
      session.lhlo(domain);
      flush();
      Reply r = readEvent().reply();
      if (!r.isPositiveCompletion()) {
        throw refused("LHLO", r);
      }
      return;
    }
    session.ehlo(domain);
    flush();
    Reply r = readEvent().reply();
    if (r.isPositiveCompletion()) {
      return;
    }
    if (!r.isPermanentFailure() || session.phase() == Phase.CLOSED) {
      throw refused("EHLO", r);
    }
    session.helo(domain);
    flush();
    Reply h = readEvent().reply();
    if (!h.isPositiveCompletion()) {
      throw refused("HELO", h);
    }
  }

  /** The server's greeting reply. */
  public Reply greeting() {
    return greeting;
  }

  /** What the server offered in its last EHLO/LHLO reply ({@link Capabilities#NONE} after HELO). */
  public Capabilities capabilities() {
    return session.capabilities();
  }

  /** Whether the connection is protected by TLS. */
  public boolean isSecure() {
    return transport.isSecure();
  }

  /** Facts about the TLS session, when secure. */
  public Optional<TlsInfo> tlsInfo() {
    return transport.tlsInfo();
  }

  /** Whether {@link #login} succeeded. */
  public boolean isAuthenticated() {
    return session.isAuthenticated();
  }

  /**
   * Whether another {@link #send} can be attempted: the connection is open and neither failed nor
   * closed by the server.
   */
  public boolean isUsable() {
    Phase p = session.phase();
    return !closed && (p == Phase.READY || p == Phase.TRANSACTION);
  }

  /** The options in force. */
  public SmtpOptions options() {
    return options;
  }

  /**
   * Authenticates with the strongest mechanism that both the server offers and {@link
   * SmtpOptions#sasl()} allows, see {@link #login(Credentials, SaslOptions)}.
   */
  public void login(Credentials credentials) throws IOException {
    login(credentials, options.sasl());
  }

  /**
   * Authenticates (RFC 4954) with the mechanism {@link Sasl#choose} picks from the server's AUTH
   * list, sending the initial response with the AUTH command when the line stays within 12288
   * octets. Secrets never reach the wire trace.
   *
   * @throws SaslException when no offered mechanism is acceptable (e.g. only plaintext ones on an
   *     insecure connection without opt-in) or the mechanism fails (then the exchange is cancelled
   *     with {@code *}; if the server claims success but cannot be verified, the connection is
   *     closed)
   * @throws CommandException when the server refuses the credentials (535, 454, ...)
   * @throws IllegalStateException when already authenticated or the server offers no AUTH
   * @throws IOException on transport or protocol failure (the connection is closed)
   */
  public void login(Credentials credentials, SaslOptions saslOptions) throws IOException {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(saslOptions, "saslOptions");
    lock.lock();
    try {
      ensureReady();
      if (session.isAuthenticated()) {
        throw new IllegalStateException("already authenticated");
      }
      if (!session.offers(Extension.AUTH)) {
        throw new IllegalStateException(peer + " offers no AUTH");
      }
      checkNoStrayInput();
      SaslClient sasl =
          Sasl.choose(capabilities().authMechanisms(), credentials, transport.isSecure(), saslOptions);
      String mech = sasl.mechanism().saslName();
      try {
        authenticate(sasl, mech);
      } catch (SaslException | CommandException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        abort();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void authenticate(SaslClient sasl, String mech) throws IOException {
    byte[] ir = sasl.initialResponseBase64();
    byte[] deferred = null;
    if (ir != null && CommandEncoder.authLineLength(mech, ir) > CommandEncoder.MAX_AUTH_LINE) {
      deferred = ir;
      ir = null;
    }
    session.auth(mech, ir);
    flush();
    while (true) {
      Reply r = readEvent().reply();
      if (r.code() == 334) {
        byte[] response;
        if (deferred != null) {
          response = deferred;
          deferred = null;
        } else {
          byte[] challenge = r.lines().get(0).strip().getBytes(StandardCharsets.US_ASCII);
          try {
            response = sasl.respondBase64(challenge, 0, challenge.length);
          } catch (SaslException e) {
            session.authCancel();
            flush();
            readEvent();
            throw e;
          }
        }
        session.authResponse(response);
        flush();
      } else if (r.code() == 235) {
        try {
          sasl.complete(null);
        } catch (SaslException e) {
          // The server says yes but could not prove itself (e.g. a wrong SCRAM signature).
          abort();
          throw e;
        }
        return;
      } else {
        if (r.code() == 421) {
          abort();
        }
        throw refused("AUTH " + mech, r);
      }
    }
  }

  /**
   * Sends one message: the envelope, then the content read from {@code message} to its end.
   * {@code message} is an RFC 5322 message (headers, blank line, body); it is not closed.
   *
   * @return the result, only after the server's final 2yz reply (see the class documentation)
   * @throws MessageRejectedException when the server refused the message (the connection stays
   *     usable unless the reply was 421)
   * @throws TransferFailedException when the connection failed before the final reply, or reading
   *     {@code message} failed mid-transfer (the connection is then closed; the message was not
   *     sent)
   * @throws IllegalStateException when the client is not usable, or the message needs an
   *     extension the server did not offer (SMTPUTF8, 8BITMIME, BINARYMIME with CHUNKING, DSN,
   *     REQUIRETLS over TLS)
   * @throws IllegalArgumentException when the content has a bare CR or LF and the line-ending
   *     policy is {@link LineEndings#REJECT} (the connection is then closed)
   */
  public SendResult send(Envelope envelope, InputStream message) throws IOException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(message, "message");
    lock.lock();
    try {
      ensureReady();
      checkExtensions(envelope);
      checkNoStrayInput();
      return transfer(envelope, message);
    } finally {
      lock.unlock();
    }
  }

  private void checkExtensions(Envelope env) {
    MailFrom m = env.mailFrom();
    List<String> missing = new ArrayList<>();
    if (m.smtputf8() && !session.offers(Extension.SMTPUTF8)) {
      missing.add("SMTPUTF8");
    }
    if (m.body() == BodyType.EIGHT_BIT_MIME && !session.offers(Extension.EIGHTBITMIME)) {
      missing.add("8BITMIME");
    }
    if (m.body() == BodyType.BINARY_MIME
        && !(session.offers(Extension.BINARYMIME) && session.offers(Extension.CHUNKING))) {
      missing.add("BINARYMIME and CHUNKING");
    }
    boolean dsn = m.ret() != null || m.envelopeId() != null;
    for (RcptTo r : env.recipients()) {
      dsn |= !r.dsnNotify().isEmpty() || r.originalRecipient() != null;
    }
    if (dsn && !session.offers(Extension.DSN)) {
      missing.add("DSN");
    }
    if (m.requireTls() && !(session.offers(Extension.REQUIRETLS) && transport.isSecure())) {
      missing.add("REQUIRETLS over TLS");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          env.label() + " needs " + String.join(", ", missing) + ", which " + peer + " does not offer");
    }
  }

  /** The replies and progress of one message. */
  private final class Transfer {
    final Envelope env;
    final Reply[] rcpt;
    final Reply[] delivery;
    Reply mail;
    Reply data;
    Reply failedChunk;
    Reply fin;
    String stage = "sending the envelope";
    long contentBytes;
    boolean contentStarted;
    boolean endSent;

    Transfer(Envelope env) {
      this.env = env;
      this.rcpt = new Reply[env.recipients().size()];
      this.delivery = new Reply[rcpt.length];
    }

    /** Reads the next owed reply and files it. */
    void readNext() throws IOException {
      Event e = readEvent();
      Reply r = e.reply();
      if (r.code() == 421) {
        // RFC 5321 §3.8: the server is closing; nothing more will be answered.
        abort();
        throw rejected(stageOf(e.verb()), r, true);
      }
      switch (e.verb()) {
        case MAIL -> mail = r;
        case RCPT -> rcpt[e.recipient()] = r;
        case DATA -> data = r;
        case BDAT -> {
          if (!r.isPositiveCompletion() && failedChunk == null) {
            failedChunk = r;
          }
        }
        case DATA_END, BDAT_LAST -> {
          if (session.dialect() == Dialect.LMTP && e.recipient() >= 0) {
            delivery[e.recipient()] = r;
          }
          if (fin == null || (!fin.isPositiveCompletion() && r.isPositiveCompletion())) {
            fin = r;
          }
        }
        default -> { }
      }
    }

    int accepted() {
      int n = 0;
      for (Reply r : rcpt) {
        if (r != null && r.isPositiveCompletion()) {
          n++;
        }
      }
      return n;
    }

    boolean allRcptReplied() {
      for (Reply r : rcpt) {
        if (r == null) {
          return false;
        }
      }
      return true;
    }

    /** The reason the transaction cannot succeed, or {@code null} while it still can. */
    MessageRejectedException doomed() {
      if (mail != null && !mail.isPositiveCompletion()) {
        return rejected(MessageRejectedException.Stage.MAIL, mail, mail.isTransientFailure());
      }
      if (allRcptReplied()) {
        int ok = accepted();
        if (ok == 0 || (ok < rcpt.length && env.recipientPolicy() == RecipientPolicy.ALL_OR_NOTHING)) {
          Reply first = null;
          boolean allTransient = true;
          for (Reply r : rcpt) {
            if (!r.isPositiveCompletion()) {
              first = first == null ? r : first;
              allTransient &= r.isTransientFailure();
            }
          }
          return rejected(MessageRejectedException.Stage.RCPT, first, allTransient);
        }
      }
      if (data != null && data.code() != 354) {
        return rejected(MessageRejectedException.Stage.DATA, data, data.isTransientFailure());
      }
      if (failedChunk != null) {
        return rejected(MessageRejectedException.Stage.CONTENT, failedChunk, failedChunk.isTransientFailure());
      }
      return null;
    }

    MessageRejectedException rejected(MessageRejectedException.Stage stage, Reply r, boolean transientFailure) {
      return new MessageRejectedException(env.label(), stage, r, transientFailure, statuses());
    }

    List<RecipientStatus> statuses() {
      List<RecipientStatus> s = new ArrayList<>(rcpt.length);
      for (int i = 0; i < rcpt.length; i++) {
        s.add(new RecipientStatus(env.recipients().get(i).forwardPath(), rcpt[i], delivery[i]));
      }
      return s;
    }

    MessageRejectedException.Stage stageOf(Verb v) {
      return switch (v) {
        case MAIL -> MessageRejectedException.Stage.MAIL;
        case RCPT -> MessageRejectedException.Stage.RCPT;
        case DATA -> MessageRejectedException.Stage.DATA;
        case BDAT, BDAT_LAST, DATA_END -> MessageRejectedException.Stage.CONTENT;
        default -> MessageRejectedException.Stage.MAIL;
      };
    }
  }

  private SendResult transfer(Envelope env, InputStream message) throws IOException {
    Transfer t = new Transfer(env);
    try {
      return transfer(t, message);
    } catch (MessageRejectedException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The content broke the line-ending policy mid-transfer: the message cannot be finished.
      abort();
      throw new IllegalArgumentException(
          env.label() + ": " + e.getMessage() + "; the connection was closed and the message not sent", e);
    } catch (IOException e) {
      abort();
      throw new TransferFailedException(
          env.label(), t.stage, t.contentBytes, t.contentStarted, t.endSent && t.fin == null, e);
    }
  }

  private SendResult transfer(Transfer t, InputStream message) throws IOException {
    Envelope env = t.env;
    MailFrom mf = env.mailFrom();
    boolean lmtp = session.dialect() == Dialect.LMTP;
    boolean binary = mf.body() == BodyType.BINARY_MIME;
    boolean bdat = session.offers(Extension.CHUNKING) && (options.chunking() || binary);
    // DATA may travel with the envelope: the server's replies to it come in one write.
    boolean pipelining = lmtp || (options.pipelining() && session.offers(Extension.PIPELINING));
    int n = env.recipients().size();
    boolean contentWithEnvelope =
        pipelining && (env.recipientPolicy() == RecipientPolicy.PARTIAL || n == 1);

    if (session.phase() == Phase.TRANSACTION) {
      session.rset(); // a previous transaction failed after MAIL was accepted
      if (!pipelining) {
        flush();
        t.readNext();
      }
    }
    session.mail(mf);
    if (!pipelining) {
      flush();
      while (t.mail == null) {
        t.readNext();
      }
      throwIfDoomed(t);
    }
    for (RcptTo r : env.recipients()) {
      int i = session.rcpt(r);
      if (!pipelining) {
        flush();
        while (t.rcpt[i] == null) {
          t.readNext();
        }
      }
    }
    if (bdat) {
      return sendChunks(t, message, binary);
    }
    if (contentWithEnvelope) {
      session.data();
    }
    flush();
    while (!t.allRcptReplied() || (contentWithEnvelope && t.data == null)) {
      t.readNext();
    }
    MessageRejectedException doom = t.doomed();
    if (doom != null) {
      if (t.data != null && t.data.code() == 354) {
        // The server wants content although the transaction cannot succeed: end it empty.
        t.stage = "ending an empty content";
        endEmptyData(t);
      }
      throw doom;
    }
    if (t.data == null) {
      session.data();
      flush();
      t.stage = "waiting for the reply to DATA";
      while (t.data == null) {
        t.readNext();
      }
      throwIfDoomed(t);
    }
    t.stage = "sending the content";
    streamData(t, message);
    return finish(t);
  }

  private void endEmptyData(Transfer t) throws IOException {
    transport.write(new byte[] {'.', '\r', '\n'});
    transport.flush();
    t.endSent = true;
    session.dataEnd();
    while (session.awaitingReply()) {
      t.readNext();
    }
  }

  private void throwIfDoomed(Transfer t) throws MessageRejectedException {
    MessageRejectedException doom = t.doomed();
    if (doom != null) {
      throw doom;
    }
  }

  private void streamData(Transfer t, InputStream message) throws IOException {
    DataEncoder enc = DataEncoder.forData(options.lineEndings());
    byte[] src = rawBuffer();
    byte[] dst = encodedBuffer();
    int r;
    while ((r = message.read(src, 0, src.length)) >= 0) {
      if (r == 0) {
        continue;
      }
      t.contentStarted = true;
      t.contentBytes += r;
      transport.write(dst, 0, enc.encode(src, 0, r, dst, 0));
    }
    transport.write(dst, 0, enc.finish(dst, 0));
    trace.clientBody(enc.produced());
    t.stage = "sending the end of the content";
    transport.flush();
    t.endSent = true;
    session.dataEnd();
    t.stage = "waiting for the reply to the end of the content";
  }

  /**
   * BDAT (RFC 3030), one chunk at a time. The envelope goes first and its replies are read before
   * any content, and each chunk's reply is read before the next chunk is sent: a server that
   * writes two small replies in a row without TCP_NODELAY holds the second until the client's
   * delayed ACK, about 40 ms each time (measured on Postfix, both for BDAT pipelined with the
   * envelope and for pipelined chunks). In lock step every reply answers fresh client data.
   */
  private SendResult sendChunks(Transfer t, InputStream message, boolean binary) throws IOException {
    flush();
    while (!t.allRcptReplied()) {
      t.readNext();
    }
    throwIfDoomed(t);
    DataEncoder enc = DataEncoder.forBdat(binary ? LineEndings.PASS_THROUGH : options.lineEndings());
    byte[] src = rawBuffer();
    byte[] dst = encodedBuffer();
    int carry = -1;
    boolean last = false;
    t.stage = "sending the content";
    while (!last) {
      int len = 0;
      if (carry >= 0) {
        src[len++] = (byte) carry;
        carry = -1;
      }
      while (len < src.length) {
        int r = message.read(src, len, src.length - len);
        if (r < 0) {
          last = true;
          break;
        }
        len += r;
      }
      if (!last) {
        carry = message.read();
        last = carry < 0;
      }
      if (len > 0 || carry >= 0) {
        t.contentStarted = true;
      }
      t.contentBytes += len;
      int size = enc.encode(src, 0, len, dst, 0);
      if (last) {
        size += enc.finish(dst, size);
      }
      session.bdat(size, last);
      writeOutput();
      transport.write(dst, 0, size);
      trace.clientBody(size);
      if (!last) {
        flush();
        t.readNext();
        // RFC 3030 §2: after a refused chunk, send no more; the transaction is reset later.
        throwIfDoomed(t);
      }
    }
    t.stage = "sending the end of the content";
    flush();
    t.endSent = true;
    t.stage = "waiting for the reply to the end of the content";
    return finish(t);
  }

  private SendResult finish(Transfer t) throws IOException {
    while (session.awaitingReply()) {
      t.readNext();
    }
    MessageRejectedException doom = t.doomed();
    if (doom != null) {
      throw doom;
    }
    if (t.fin == null || !t.fin.isPositiveCompletion()) {
      Reply r = t.fin;
      if (r == null) {
        throw new ProtocolException("no final reply to the end of the content was received");
      }
      boolean allTransient = r.isTransientFailure();
      if (session.dialect() == Dialect.LMTP) {
        for (Reply d : t.delivery) {
          allTransient &= d == null || !d.isPermanentFailure();
        }
      }
      throw t.rejected(MessageRejectedException.Stage.CONTENT, r, allTransient);
    }
    return new SendResult(
        t.env.label(), QueueIds.find(t.fin.text()), t.fin, t.statuses(), t.contentBytes);
  }

  /**
   * Sends RSET and waits for its reply: ends any open transaction.
   *
   * @throws CommandException when the server refuses it
   * @throws IOException on transport or protocol failure (the connection is then closed)
   */
  public void reset() throws IOException {
    simple(Verb.RSET);
  }

  /**
   * Sends NOOP and waits for its reply (keeps an idle connection alive, checks it still works).
   *
   * @throws CommandException when the server refuses it
   * @throws IOException on transport or protocol failure (the connection is then closed)
   */
  public void noop() throws IOException {
    simple(Verb.NOOP);
  }

  private void simple(Verb v) throws IOException {
    lock.lock();
    try {
      ensureReady();
      checkNoStrayInput();
      try {
        if (v == Verb.RSET) {
          session.rset();
        } else {
          session.noop();
        }
        flush();
        Reply r = readEvent().reply();
        if (r.code() == 421) {
          abort();
        }
        if (!r.isPositiveCompletion()) {
          throw refused(v.name(), r);
        }
      } catch (CommandException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        abort();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends QUIT, waits for the reply (at most the command timeout) and closes the connection.
   * Idempotent; never throws. Called from another thread while an operation runs, it closes the
   * connection at once, and that operation fails.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (!lock.tryLock()) {
      abort();
      return;
    }
    try {
      if (isUsable() || session.phase() == Phase.GREETED) {
        quitQuietly();
      }
    } finally {
      abort();
      lock.unlock();
    }
  }

  private void quitQuietly() {
    try {
      if (session.awaitingReply()) {
        return;
      }
      session.quit();
      flush();
      readEvent();
    } catch (IOException | RuntimeException e) {
      // closing anyway
    }
  }

  private void abort() {
    closed = true;
    session.fail();
    transport.close();
  }

  /**
   * Before a new exchange nothing may be waiting: bytes the server sent unasked would be taken
   * as the reply to the next command.
   */
  private void checkNoStrayInput() throws ProtocolException {
    if (in.readable() > 0) {
      ProtocolException e =
          new ProtocolException(
              peer + " sent " + in.readable() + " bytes nobody asked for",
              in.consumed(),
              in.array(),
              in.readIndex(),
              in.writeIndex());
      abort();
      throw e;
    }
  }

  private void ensureReady() {
    if (closed) {
      throw new IllegalStateException("the connection to " + peer + " is closed");
    }
    Phase p = session.phase();
    if (p != Phase.READY && p != Phase.TRANSACTION) {
      throw new IllegalStateException("the session is not ready (phase " + p + ")");
    }
  }

  private CommandException refused(String command, Reply r) {
    return new CommandException(
        command, Integer.toString(r.code()), r.enhancedStatusText(), r.text(), r.isTransientFailure() || r.code() == 421);
  }

  private void writeOutput() throws TransportException {
    CommandEncoder o = session.output();
    if (o.length() > 0) {
      transport.write(o.array(), 0, o.length());
      o.clear();
    }
  }

  private void flush() throws TransportException {
    writeOutput();
    transport.flush();
  }

  private Event readEvent() throws IOException {
    Verb v = session.nextReplyFor();
    if (v == null) {
      throw new IllegalStateException("no reply is owed");
    }
    Reply r = readReply(v, timeoutFor(v));
    return session.receive(r);
  }

  private Duration timeoutFor(Verb v) {
    SmtpTimeouts t = options.timeouts();
    return switch (v) {
      case GREETING -> t.greeting();
      case MAIL -> t.mail();
      case RCPT -> t.rcpt();
      case DATA -> t.dataInitiation();
      case DATA_END, BDAT, BDAT_LAST -> t.dataTermination();
      default -> t.command();
    };
  }

  private Reply readReply(Verb v, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!decoder.decode(in, view)) {
      int n;
      try {
        n = in.readFrom(transport);
      } catch (TransportTimeoutException e) {
        if (System.nanoTime() - deadline < 0) {
          continue;
        }
        throw new TransportTimeoutException(
            "no reply to " + v + " from " + peer + " within " + human(timeout), e);
      }
      if (n < 0) {
        throw new ConnectionClosedException(
            peer + " closed the connection while the reply to " + v + " was awaited", in.consumed());
      }
    }
    if (trace.enabled()) {
      trace.server(view.array(), view.start(), view.end() - view.start());
    }
    return view.toReply();
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 != 0 ? ms + " ms" : ms % 60_000 != 0 ? ms / 1000 + " s" : ms / 60_000 + " min";
  }

  private byte[] rawBuffer() {
    if (raw == null) {
      raw = new byte[options.chunkSize()];
    }
    return raw;
  }

  private byte[] encodedBuffer() {
    if (encoded == null) {
      encoded = new byte[DataEncoder.maxEncodedLength(options.chunkSize())];
    }
    return encoded;
  }

  /** The session state machine this client drives (for inspection). */
  public SmtpSession.Phase phase() {
    return session.phase();
  }

  @Override
  public String toString() {
    return "SmtpClient[" + peer + ", " + session.phase() + (transport.isSecure() ? ", TLS" : "") + "]";
  }
}
