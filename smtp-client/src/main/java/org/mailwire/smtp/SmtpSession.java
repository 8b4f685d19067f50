package org.mailwire.smtp;

import java.util.ArrayDeque;
import java.util.Objects;
import org.mailwire.smtp.codec.Capabilities;
import org.mailwire.smtp.codec.CommandEncoder;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.smtp.codec.MailFrom;
import org.mailwire.smtp.codec.RcptTo;
import org.mailwire.smtp.codec.Reply;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.Redactor;
import org.mailwire.transport.WireTrace;

/**
 * The SMTP/LMTP client state machine, without I/O: it says which commands are legal now, encodes
 * them into {@link #output()}, remembers which replies are owed (several when pipelining, RFC
 * 2920), matches each received {@link Reply} to its command in order and moves between {@link
 * Phase}s. All transitions live in {@link #next}. {@link SmtpClient} drives it over a {@link
 * org.mailwire.transport.Transport}; an event-loop user drives it with a {@link
 * org.mailwire.smtp.codec.ReplyDecoder} of their own.
 *
 * <pre>{@code
 * SmtpSession s = new SmtpSession(Dialect.SMTP, WireTrace.OFF);
 * // on each decoded reply:
 * SmtpSession.Event e = s.receive(reply);
 * if (s.phase() == Phase.GREETED) { s.ehlo("client.example"); write(s.output()); s.output().clear(); }
 * }</pre>
 *
 * <p>Misuse (a command not legal in the current phase, pipelining a command the server did not
 * allow to be pipelined) throws {@link IllegalStateException} and changes nothing. Not
 * thread-safe.
 */
public final class SmtpSession {

  /** Where the session stands, as confirmed by the server's replies. */
  public enum Phase {
    /** Connected; the server's greeting is owed. */
    GREETING,
    /** Greeted (220), or TLS just established: EHLO/LHLO (or HELO) is next. */
    GREETED,
    /** EHLO/HELO/LHLO accepted: STARTTLS, AUTH or a mail transaction may start. */
    READY,
    /** STARTTLS accepted: discard buffered input, run the TLS handshake, call {@link #tlsEstablished()}. */
    TLS_HANDSHAKE,
    /** AUTH answered with a 334 challenge: send {@link #authResponse} or {@link #authCancel}. */
    AUTH,
    /** A mail transaction is open (MAIL accepted). */
    TRANSACTION,
    /** DATA answered with 354: send the content, then {@link #dataEnd()}. */
    DATA_CONTENT,
    /** The server closed the session (221 to QUIT, 421, or a refused greeting). */
    CLOSED,
    /** The connection is unusable (malformed reply or broken transport). */
    FAILED
  }

  /** The command a reply answers. */
  public enum Verb {
    /** The server's greeting. */
    GREETING,
    /** EHLO. */
    EHLO,
    /** HELO. */
    HELO,
    /** LHLO (LMTP). */
    LHLO,
    /** STARTTLS. */
    STARTTLS,
    /** AUTH. */
    AUTH,
    /** A SASL response line or {@code *}. */
    AUTH_RESPONSE,
    /** MAIL FROM. */
    MAIL,
    /** RCPT TO. */
    RCPT,
    /** DATA (the reply is 354 or a refusal). */
    DATA,
    /** The end of the DATA content (for LMTP one reply per accepted recipient). */
    DATA_END,
    /** BDAT without LAST. */
    BDAT,
    /** BDAT ... LAST (for LMTP one reply per accepted recipient). */
    BDAT_LAST,
    /** RSET. */
    RSET,
    /** NOOP. */
    NOOP,
    /** QUIT. */
    QUIT
  }

  /**
   * A reply matched to its command.
   *
   * @param verb the command it answers
   * @param recipient for {@link Verb#RCPT}, the recipient's index in the transaction; for LMTP
   *     {@link Verb#DATA_END}/{@link Verb#BDAT_LAST}, the index of the recipient this delivery
   *     reply is for; otherwise {@code -1}
   * @param reply the reply
   */
  public record Event(Verb verb, int recipient, Reply reply) {}

  private static final class Pending {
    final Verb verb;
    final int index;
    int remaining = -1;

    Pending(Verb verb, int index) {
      this.verb = verb;
      this.index = index;
    }
  }

  private final Dialect dialect;
  private final WireTrace trace;
  private final CommandEncoder out = new CommandEncoder();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  private Phase phase = Phase.GREETING;
  /** The phase once every pending command has succeeded: what legality is checked against. */
  private Phase projected = Phase.GREETING;
  private Capabilities capabilities;
  private boolean secure;
  private boolean authenticated;
  private boolean ehloRefused;

  // The current transaction.
  private boolean transactionUtf8;
  private int recipientsSent;
  private int recipientsReplied;
  private int[] accepted = new int[8];
  private int acceptedCount;
  private boolean contentStarted;
  private boolean usingData;
  private boolean usingBdat;
  private int deliveryReplies;

  /**
   * A session for a connection that was just opened.
   *
   * @param dialect SMTP or LMTP
   * @param trace where command lines go (AUTH payloads redacted); {@link WireTrace#OFF} for none
   */
  public SmtpSession(Dialect dialect, WireTrace trace) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.trace = Objects.requireNonNull(trace, "trace");
    pending.add(new Pending(Verb.GREETING, -1));
  }

  /** The dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** The phase as confirmed by the replies received so far. */
  public Phase phase() {
    return phase;
  }

  /** The encoded commands not yet written; the caller writes and then clears them. */
  public CommandEncoder output() {
    return out;
  }

  /** Whether replies are owed. */
  public boolean awaitingReply() {
    return !pending.isEmpty();
  }

  /** The number of replies owed (an LMTP delivery counts once until its first reply). */
  public int pendingReplies() {
    return pending.size();
  }

  /** The command the next reply will answer, or {@code null} when none is owed. */
  public Verb nextReplyFor() {
    Pending p = pending.peek();
    return p == null ? null : p.verb;
  }

  /** The capabilities from the last EHLO/LHLO reply; {@link Capabilities#NONE} after HELO; {@code null} before. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** Whether the server refused EHLO (so HELO is the fallback). */
  public boolean ehloRefused() {
    return ehloRefused;
  }

  /** Whether the connection is protected by TLS (set with {@link #secure(boolean)} or {@link #tlsEstablished()}). */
  public boolean isSecure() {
    return secure;
  }

  /** Records that the connection started with implicit TLS. */
  public void secure(boolean secure) {
    this.secure = secure;
  }

  /** Whether an AUTH exchange succeeded (235). */
  public boolean isAuthenticated() {
    return authenticated;
  }

  /** The number of recipients the server accepted in the current transaction so far. */
  public int acceptedRecipients() {
    return acceptedCount;
  }

  /** The transaction index of the {@code i}-th accepted recipient. */
  public int acceptedRecipient(int i) {
    Objects.checkIndex(i, acceptedCount);
    return accepted[i];
  }

  /** Whether the current transaction carries SMTPUTF8 (so recipients may be UTF-8). */
  public boolean transactionUtf8() {
    return transactionUtf8;
  }

  /** Whether the server offered {@code e} in its last EHLO/LHLO reply. */
  public boolean offers(Extension e) {
    return capabilities != null && capabilities.has(e);
  }

  /** Marks the connection unusable (the caller saw a transport or protocol failure). */
  public void fail() {
    phase = Phase.FAILED;
    projected = Phase.FAILED;
    pending.clear();
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Sends EHLO (SMTP). @throws IllegalStateException unless greeted or ready, or for LMTP */
  public void ehlo(String domain) {
    requireDialect(Dialect.SMTP, "EHLO");
    requireProjected(Verb.EHLO, Phase.GREETED, Phase.READY);
    emit(Verb.EHLO, -1, () -> out.ehlo(domain), Redactor.NONE);
  }

  /** Sends HELO (SMTP; after a refused EHLO). @throws IllegalStateException unless greeted, or for LMTP */
  public void helo(String domain) {
    requireDialect(Dialect.SMTP, "HELO");
    requireProjected(Verb.HELO, Phase.GREETED, Phase.READY);
    emit(Verb.HELO, -1, () -> out.helo(domain), Redactor.NONE);
  }

  /** Sends LHLO (LMTP). @throws IllegalStateException unless greeted or ready, or for SMTP */
  public void lhlo(String domain) {
    requireDialect(Dialect.LMTP, "LHLO");
    requireProjected(Verb.LHLO, Phase.GREETED, Phase.READY);
    emit(Verb.LHLO, -1, () -> out.lhlo(domain), Redactor.NONE);
  }

  /**
   * Sends STARTTLS.
   *
   * @throws IllegalStateException unless ready, not yet secure, and STARTTLS was offered
   */
  public void startTls() {
    requireProjected(Verb.STARTTLS, Phase.READY);
    if (secure) {
      throw new IllegalStateException("the connection is already secure");
    }
    if (!offers(Extension.STARTTLS)) {
      throw new IllegalStateException("the server did not offer STARTTLS");
    }
    emit(Verb.STARTTLS, -1, out::startTls, Redactor.NONE);
  }

  /**
   * After STARTTLS was accepted and the handshake succeeded: forgets the capabilities (RFC 3207
   * §4.2); EHLO/LHLO must be sent again.
   *
   * @throws IllegalStateException unless in {@link Phase#TLS_HANDSHAKE}
   */
  public void tlsEstablished() {
    if (phase != Phase.TLS_HANDSHAKE) {
      throw new IllegalStateException("no STARTTLS was accepted (phase " + phase + ")");
    }
    secure = true;
    capabilities = null;
    phase = Phase.GREETED;
    projected = Phase.GREETED;
  }

  /**
   * Sends {@code AUTH mechanism [initial-response]}. The trace shows only the mechanism.
   *
   * @param initialResponseBase64 see {@link CommandEncoder#auth}
   * @throws IllegalStateException unless ready, not yet authenticated, and AUTH was offered
   */
  public void auth(String mechanism, byte[] initialResponseBase64) {
    requireProjected(Verb.AUTH, Phase.READY);
    if (authenticated) {
      throw new IllegalStateException("already authenticated");
    }
    if (!offers(Extension.AUTH)) {
      throw new IllegalStateException("the server did not offer AUTH");
    }
    int visible = 5 + mechanism.length();
    emit(Verb.AUTH, -1, () -> out.auth(mechanism, initialResponseBase64), (l, o, n) -> Math.min(n, visible));
  }

  /**
   * Sends a SASL response (base64) to a 334 challenge; the trace redacts it.
   *
   * @throws IllegalStateException unless a 334 challenge is waiting for an answer
   */
  public void authResponse(byte[] base64) {
    requireAuthChallenge();
    emit(Verb.AUTH_RESPONSE, -1, () -> out.authResponse(base64), Redactor.ALL);
  }

  /**
   * Cancels the SASL exchange ({@code *}); the server answers 501.
   *
   * @throws IllegalStateException unless a 334 challenge is waiting for an answer
   */
  public void authCancel() {
    requireAuthChallenge();
    emit(Verb.AUTH_RESPONSE, -1, out::authCancel, Redactor.NONE);
  }

  /**
   * Starts a mail transaction with MAIL FROM.
   *
   * @throws IllegalStateException unless ready (no transaction open), or when {@code m} uses an
   *     extension the server did not offer (SIZE excepted)
   */
  public void mail(MailFrom m) {
    requireProjected(Verb.MAIL, Phase.READY);
    if (m.smtputf8()) {
      requireOffered(Extension.SMTPUTF8, "SMTPUTF8");
    }
    switch (m.body()) {
      case EIGHT_BIT_MIME -> requireOffered(Extension.EIGHTBITMIME, "BODY=8BITMIME");
      case BINARY_MIME -> requireOffered(Extension.BINARYMIME, "BODY=BINARYMIME");
      default -> { }
    }
    if (m.ret() != null || m.envelopeId() != null) {
      requireOffered(Extension.DSN, "DSN parameters");
    }
    if (m.requireTls()) {
      requireOffered(Extension.REQUIRETLS, "REQUIRETLS");
      if (!secure) {
        throw new IllegalStateException("REQUIRETLS needs a TLS connection");
      }
    }
    if (m.size() >= 0 && !offers(Extension.SIZE)) {
      m = new MailFrom(m.reversePath(), -1, m.body(), m.smtputf8(), m.ret(), m.envelopeId(), m.requireTls());
    }
    MailFrom mf = m;
    emit(Verb.MAIL, -1, () -> out.mail(mf), Redactor.NONE);
    transactionUtf8 = mf.smtputf8();
    recipientsSent = 0;
    recipientsReplied = 0;
    acceptedCount = 0;
    contentStarted = false;
    usingData = false;
    usingBdat = false;
  }

  /**
   * Adds a recipient with RCPT TO.
   *
   * @return the recipient's index in the transaction
   * @throws IllegalStateException unless a transaction is open and its content not yet started,
   *     or when DSN parameters are used without DSN
   * @throws IllegalArgumentException for an invalid address (see {@link CommandEncoder#rcpt})
   */
  public int rcpt(RcptTo r) {
    requireProjected(Verb.RCPT, Phase.TRANSACTION);
    if (contentStarted) {
      throw new IllegalStateException("RCPT after the content started");
    }
    if (!r.dsnNotify().isEmpty() || r.originalRecipient() != null) {
      requireOffered(Extension.DSN, "DSN parameters");
    }
    int index = recipientsSent;
    boolean utf8 = transactionUtf8;
    emit(Verb.RCPT, index, () -> out.rcpt(r, utf8), Redactor.NONE);
    recipientsSent++;
    return index;
  }

  /**
   * Sends DATA.
   *
   * @throws IllegalStateException unless a transaction with at least one RCPT is open and no
   *     content has started
   */
  public void data() {
    requireProjected(Verb.DATA, Phase.TRANSACTION);
    requireContentMayStart();
    emit(Verb.DATA, -1, out::data, Redactor.NONE);
    contentStarted = true;
    usingData = true;
  }

  /**
   * After the DATA content and its terminator were written: the final reply (LMTP: one per
   * accepted recipient) is now owed. Writes nothing to {@link #output()}.
   *
   * @throws IllegalStateException unless DATA was answered with 354 and nothing else is pending
   */
  public void dataEnd() {
    if (phase != Phase.DATA_CONTENT || !pending.isEmpty()) {
      throw new IllegalStateException("no DATA content is being sent (phase " + phase + ")");
    }
    pending.add(new Pending(Verb.DATA_END, -1));
    projected = Phase.READY;
  }

  /**
   * Sends {@code BDAT size [LAST]}; the caller writes exactly {@code size} content bytes after
   * {@link #output()}.
   *
   * @throws IllegalStateException unless CHUNKING was offered and a transaction with at least one
   *     RCPT is open that does not use DATA
   */
  public void bdat(long size, boolean last) {
    requireProjected(last ? Verb.BDAT_LAST : Verb.BDAT, Phase.TRANSACTION);
    requireOffered(Extension.CHUNKING, "BDAT");
    if (usingData) {
      throw new IllegalStateException("BDAT after DATA");
    }
    if (!usingBdat) {
      requireContentMayStart();
    }
    emit(last ? Verb.BDAT_LAST : Verb.BDAT, -1, () -> out.bdat(size, last), Redactor.NONE);
    contentStarted = true;
    usingBdat = true;
  }

  /** Sends RSET: ends any transaction. @throws IllegalStateException before the greeting or when closed */
  public void rset() {
    requireProjected(Verb.RSET, Phase.GREETED, Phase.READY, Phase.TRANSACTION);
    emit(Verb.RSET, -1, out::rset, Redactor.NONE);
  }

  /** Sends NOOP. @throws IllegalStateException before the greeting or when closed */
  public void noop() {
    requireProjected(Verb.NOOP, Phase.GREETED, Phase.READY, Phase.TRANSACTION);
    emit(Verb.NOOP, -1, out::noop, Redactor.NONE);
  }

  /**
   * Sends QUIT.
   *
   * @throws IllegalStateException during DATA content, AUTH, the TLS handshake, or when failed
   */
  public void quit() {
    requireProjected(
        Verb.QUIT, Phase.GREETED, Phase.READY, Phase.TRANSACTION, Phase.CLOSED);
    emit(Verb.QUIT, -1, out::quit, Redactor.NONE);
  }

  // ---- replies -------------------------------------------------------------------------------

  /**
   * Matches {@code reply} to the oldest command still owed a reply and applies the transition.
   *
   * @return the command and reply
   * @throws ProtocolException when no reply is owed (the server sent one unasked); the session
   *     is then {@link Phase#FAILED}
   */
  public Event receive(Reply reply) throws ProtocolException {
    Pending p = pending.peek();
    if (p == null) {
      fail();
      throw new ProtocolException("reply " + reply.code() + " received while no command was pending");
    }
    int recipient = p.index;
    switch (p.verb) {
      case DATA_END, BDAT_LAST -> {
        if (p.remaining < 0) {
          p.remaining = dialect == Dialect.LMTP ? Math.max(1, acceptedCount) : 1;
          deliveryReplies = 0;
        }
        if (dialect == Dialect.LMTP && acceptedCount > 0) {
          recipient = accepted[deliveryReplies];
        }
        deliveryReplies++;
        if (--p.remaining == 0 || reply.code() == 421) {
          pending.poll();
        }
      }
      default -> pending.poll();
    }
    if (p.verb == Verb.RCPT) {
      recipientsReplied++;
      if (reply.isPositiveCompletion()) {
        if (acceptedCount == accepted.length) {
          accepted = java.util.Arrays.copyOf(accepted, accepted.length * 2);
        }
        accepted[acceptedCount++] = p.index;
      }
    }
    boolean lastOfGroup = !pending.contains(p);
    if (lastOfGroup || reply.code() == 421) {
      phase = next(phase, p.verb, reply, dialect);
    }
    switch (p.verb) {
      case EHLO, LHLO -> {
        if (reply.isPositiveCompletion()) {
          capabilities = Capabilities.parse(reply);
          ehloRefused = false;
        } else if (reply.isPermanentFailure()) {
          ehloRefused = true;
        }
      }
      case HELO -> {
        if (reply.isPositiveCompletion()) {
          capabilities = Capabilities.NONE;
        }
      }
      case AUTH, AUTH_RESPONSE -> {
        if (reply.code() == 235) {
          authenticated = true;
        }
      }
      default -> { }
    }
    if (phase == Phase.CLOSED) {
      pending.clear();
    }
    // Re-project from the confirmed phase through what is still owed.
    Phase proj = phase;
    for (Pending q : pending) {
      proj = next(proj, q.verb, null, dialect);
    }
    projected = proj;
    return new Event(p.verb, recipient, reply);
  }

  /**
   * Every transition of the session, in one place.
   *
   * @param p the phase before the reply
   * @param v the command the reply answers
   * @param r the reply, or {@code null} to project the command's success
   * @return the phase after it
   */
  static Phase next(Phase p, Verb v, Reply r, Dialect d) {
    int code = r == null ? successCode(v) : r.code();
    if (code == 421) {
      return Phase.CLOSED; // RFC 5321 §3.8: the server is closing the channel
    }
    boolean ok = code / 100 == 2;
    return switch (v) {
      case GREETING -> ok ? Phase.GREETED : Phase.CLOSED;
      case EHLO, HELO, LHLO -> ok ? Phase.READY : Phase.GREETED;
      case STARTTLS -> code == 220 ? Phase.TLS_HANDSHAKE : p;
      case AUTH, AUTH_RESPONSE -> code == 334 ? Phase.AUTH : Phase.READY;
      case MAIL -> ok ? Phase.TRANSACTION : Phase.READY;
      case RCPT -> p;
      case DATA -> code == 354 ? Phase.DATA_CONTENT : p;
      case BDAT -> p;
      case DATA_END, BDAT_LAST -> Phase.READY;
      case RSET -> ok ? (p == Phase.GREETED ? Phase.GREETED : Phase.READY) : p;
      case NOOP -> p;
      case QUIT -> Phase.CLOSED;
    };
  }

  private static int successCode(Verb v) {
    return switch (v) {
      case GREETING, STARTTLS -> 220;
      case AUTH, AUTH_RESPONSE -> 235;
      case DATA -> 354;
      case QUIT -> 221;
      default -> 250;
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void emit(Verb verb, int index, Runnable encode, Redactor redactor) {
    if (!pending.isEmpty()) {
      checkPipelining(verb);
    }
    int before = out.length();
    encode.run();
    if (trace.enabled()) {
      trace.client(out.array(), before, out.length() - before, redactor);
    }
    pending.add(new Pending(verb, index));
    projected = next(projected, verb, null, dialect);
  }

  private void checkPipelining(Verb verb) {
    Pending last = pending.peekLast();
    boolean pipelining = dialect == Dialect.LMTP || offers(Extension.PIPELINING);
    if (!pipelining) {
      throw new IllegalStateException(
          verb + " while a reply to " + last.verb + " is owed, and the server has no PIPELINING");
    }
    switch (last.verb) {
      case GREETING, EHLO, HELO, LHLO, STARTTLS, AUTH, AUTH_RESPONSE, DATA, NOOP, QUIT ->
          throw new IllegalStateException(
              verb + " cannot follow " + last.verb + " before its reply (RFC 2920 §3.1)");
      case DATA_END, BDAT_LAST -> {
        if (dialect == Dialect.LMTP) {
          // The number of LMTP delivery replies depends on this transaction's recipients.
          throw new IllegalStateException(
              verb + " cannot follow the end of LMTP content before its replies");
        }
      }
      default -> { }
    }
  }

  private void requireProjected(Verb verb, Phase... allowed) {
    for (Phase a : allowed) {
      if (projected == a) {
        return;
      }
    }
    throw new IllegalStateException(verb + " is not allowed in phase " + projected);
  }

  private void requireDialect(Dialect d, String command) {
    if (dialect != d) {
      throw new IllegalStateException(command + " belongs to " + d + ", not " + dialect);
    }
  }

  private void requireOffered(Extension e, String what) {
    if (!offers(e)) {
      throw new IllegalStateException(what + " needs " + e.keyword() + ", which the server did not offer");
    }
  }

  private void requireAuthChallenge() {
    if (phase != Phase.AUTH || !pending.isEmpty()) {
      throw new IllegalStateException("no AUTH challenge is waiting for an answer");
    }
  }

  private void requireContentMayStart() {
    if (contentStarted) {
      throw new IllegalStateException("the content of this transaction has already started");
    }
    if (recipientsSent == 0) {
      throw new IllegalStateException("no recipient was given");
    }
  }
}
