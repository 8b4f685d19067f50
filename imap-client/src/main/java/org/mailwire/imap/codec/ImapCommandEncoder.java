package org.mailwire.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.mailwire.imap.internal.Ascii2;

/**
 * Encodes IMAP commands (RFC 9051, RFC 3501 and the supported extensions) into {@link
 * EncodedCommand}s. Sans-I/O: it only makes bytes.
 *
 * <p>User data can never break out of its argument: strings become an atom, a quoted string or a
 * literal automatically (CR and LF force a literal; NUL is rejected with {@link
 * IllegalArgumentException} since IMAP cannot carry it outside APPEND's literal8); mailbox names are
 * modified UTF-7, or UTF-8 once {@link #utf8Accept(boolean) UTF8=ACCEPT} is enabled; keywords,
 * flags, fetch items and capability names are validated. Literals are synchronizing ({@code {n}},
 * the command's parts then say where to wait for the server's {@code +}) unless {@link
 * #literalPlus(boolean) LITERAL+} (or, up to 4096 bytes, {@link #literalMinus(boolean) LITERAL-})
 * is on.
 *
 * <p>Tags are {@code prefix + counter} ({@code A1}, {@code A2}, ...). Not thread-safe.
 *
 * <pre>{@code
 * ImapCommandEncoder enc = new ImapCommandEncoder();
 * EncodedCommand c = enc.login("alice", "secret");
 * for (EncodedCommand.Part p : c.parts()) {
 *   if (p instanceof EncodedCommand.Bytes b) {
 *     transport.write(b.data());
 *     if (b.awaitContinuation()) { transport.flush(); awaitContinuation(); }
 *   }
 * }
 * transport.flush();
 * }</pre>
 */
public final class ImapCommandEncoder {
  /** LITERAL- allows non-synchronizing literals up to this size. */
  public static final int LITERAL_MINUS_MAX = 4096;

  private static final int MAX_QUOTED = 1024;

  private final String tagPrefix;
  private long counter;
  private boolean literalPlus;
  private boolean literalMinus;
  private boolean utf8;

  /** An encoder with tags {@code A1}, {@code A2}, .... */
  public ImapCommandEncoder() {
    this("A");
  }

  /**
   * An encoder with tags {@code tagPrefix + n}.
   *
   * @throws IllegalArgumentException if the prefix has characters not allowed in a tag
   */
  public ImapCommandEncoder(String tagPrefix) {
    if (tagPrefix.isEmpty()) {
      throw new IllegalArgumentException("empty tag prefix");
    }
    for (byte b : tagPrefix.getBytes(StandardCharsets.UTF_8)) {
      if (!Ascii2.isAstringChar(b) || b == '+') {
        throw new IllegalArgumentException("invalid tag prefix: " + tagPrefix);
      }
    }
    this.tagPrefix = tagPrefix;
  }

  /** Use non-synchronizing literals {@code {n+}} (the server announced LITERAL+). */
  public void literalPlus(boolean on) {
    literalPlus = on;
  }

  /** Use non-synchronizing literals up to 4096 bytes (the server announced LITERAL-). */
  public void literalMinus(boolean on) {
    literalMinus = on;
  }

  /** UTF8=ACCEPT is enabled: mailbox names and quoted strings are sent as UTF-8. */
  public void utf8Accept(boolean on) {
    utf8 = on;
  }

  /** Whether UTF8=ACCEPT mode is on. */
  public boolean utf8Accept() {
    return utf8;
  }

  // ------------------------------------------------------------------------------ the builder

  private final class Cmd {
    final String tag;
    final String name;
    final List<EncodedCommand.Part> parts = new ArrayList<>();
    final ByteArrayOutputStream cur = new ByteArrayOutputStream(64);
    boolean sensitive;

    Cmd(String name, boolean tagged) {
      // the counter advances in done(): a command rejected while encoding uses no tag
      this.tag = tagged ? tagPrefix + (counter + 1) : null;
      this.name = name;
      if (tagged) {
        ascii(tag).sp();
      }
      ascii(name);
    }

    Cmd ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        cur.write(s.charAt(i));
      }
      return this;
    }

    Cmd sp() {
      cur.write(' ');
      return this;
    }

    Cmd raw(byte[] b) {
      cur.writeBytes(b);
      return this;
    }

    /** astring: atom if possible, else quoted, else literal. */
    Cmd astring(String s) {
      byte[] b = bytesOf(s);
      if (b.length > 0 && isAtom(b, true)) {
        return raw(b);
      }
      return string(b);
    }

    /** string: quoted if possible, else literal. */
    Cmd string(String s) {
      return string(bytesOf(s));
    }

    Cmd string(byte[] b) {
      if (b.length <= MAX_QUOTED && quotable(b)) {
        cur.write('"');
        for (byte x : b) {
          if (x == '"' || x == '\\') {
            cur.write('\\');
          }
          cur.write(x);
        }
        cur.write('"');
        return this;
      }
      return literal(b, false);
    }

    Cmd literal(byte[] b, boolean literal8) {
      boolean nonSync = literalPlus || (literalMinus && b.length <= LITERAL_MINUS_MAX);
      if (literal8) {
        cur.write('~');
      }
      ascii("{" + b.length + (nonSync ? "+" : "") + "}\r\n");
      if (!nonSync) {
        flushPart(true);
      }
      cur.writeBytes(b);
      return this;
    }

    /** A literal header for an APPEND body of {@code size} bytes, then the body part. */
    Cmd bodyLiteral(int index, long size, boolean literal8) {
      boolean nonSync = literalPlus || (literalMinus && size <= LITERAL_MINUS_MAX);
      if (literal8) {
        cur.write('~');
      }
      ascii("{" + size + (nonSync ? "+" : "") + "}\r\n");
      flushPart(!nonSync);
      parts.add(new EncodedCommand.MessageBody(index, size));
      return this;
    }

    Cmd mailbox(String name) {
      Objects.requireNonNull(name, "mailbox");
      if (name.equalsIgnoreCase("INBOX")) {
        return ascii("INBOX");
      }
      return astring(utf8 ? name : ModifiedUtf7.encode(name));
    }

    Cmd list(List<String> atoms) {
      cur.write('(');
      for (int i = 0; i < atoms.size(); i++) {
        if (i > 0) {
          sp();
        }
        ascii(atoms.get(i));
      }
      cur.write(')');
      return this;
    }

    void flushPart(boolean await) {
      if (cur.size() > 0 || await) {
        parts.add(new EncodedCommand.Bytes(cur.toByteArray(), await));
        cur.reset();
      }
    }

    EncodedCommand done() {
      ascii("\r\n");
      flushPart(false);
      if (tag != null) {
        counter++;
      }
      return new EncodedCommand(tag, name, List.copyOf(parts), sensitive);
    }
  }

  private byte[] bytesOf(String s) {
    Objects.requireNonNull(s, "string argument");
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("IMAP strings cannot contain NUL");
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isAtom(byte[] b, boolean astring) {
    for (byte x : b) {
      if (!(astring ? Ascii2.isAstringChar(x) : Ascii2.isAtomChar(x))) {
        return false;
      }
    }
    return true;
  }

  private boolean quotable(byte[] b) {
    for (byte x : b) {
      if (x == '\r' || x == '\n' || x == 0) {
        return false;
      }
      if ((x & 0x80) != 0 && !utf8) {
        return false;
      }
    }
    return true;
  }

  static String requireAtom(String s, String what) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || !isAtom(b, false)) {
      throw new IllegalArgumentException("invalid " + what + ": " + s);
    }
    return s;
  }

  static String requireObjectId(String s) {
    if (s.isEmpty() || s.length() > 255) {
      throw new IllegalArgumentException("invalid objectid: " + s);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 128 && (Ascii2.isAlnum((byte) c) || c == '-' || c == '_'))) {
        throw new IllegalArgumentException("invalid objectid: " + s);
      }
    }
    return s;
  }

  private static String requireFlag(String f) {
    String body = f.startsWith("\\") ? f.substring(1) : f;
    if (f.equals("\\*")) {
      return f;
    }
    requireAtom(body, "flag");
    return f;
  }

  private static List<String> flags(List<String> flags) {
    List<String> out = new ArrayList<>(flags.size());
    for (String f : flags) {
      out.add(requireFlag(f));
    }
    return out;
  }

  private static List<String> atoms(List<String> words, String what) {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(requireAtom(w, what));
    }
    return out;
  }

  // ------------------------------------------------------------------------------- any state

  /** {@code CAPABILITY}. */
  public EncodedCommand capability() {
    return new Cmd("CAPABILITY", true).done();
  }

  /** {@code NOOP}. */
  public EncodedCommand noop() {
    return new Cmd("NOOP", true).done();
  }

  /** {@code LOGOUT}. */
  public EncodedCommand logout() {
    return new Cmd("LOGOUT", true).done();
  }

  /** {@code ID (field value ...)} or {@code ID NIL} when {@code fields} is null (RFC 2971). */
  public EncodedCommand id(Map<String, String> fields) {
    Cmd c = new Cmd("ID", true).sp();
    if (fields == null) {
      c.ascii("NIL");
    } else {
      c.ascii("(");
      boolean first = true;
      for (Map.Entry<String, String> e : fields.entrySet()) {
        if (!first) {
          c.sp();
        }
        first = false;
        c.string(e.getKey()).sp();
        if (e.getValue() == null) {
          c.ascii("NIL");
        } else {
          c.string(e.getValue());
        }
      }
      c.ascii(")");
    }
    return c.done();
  }

  // ------------------------------------------------------------------------ not authenticated

  /** {@code STARTTLS}. */
  public EncodedCommand startTls() {
    return new Cmd("STARTTLS", true).done();
  }

  /** {@code LOGIN user password} (marked sensitive). */
  public EncodedCommand login(String user, String password) {
    Cmd c = new Cmd("LOGIN", true).sp().astring(user).sp().astring(password);
    c.sensitive = true;
    return c.done();
  }

  /**
   * {@code AUTHENTICATE mechanism [initial-response]} (SASL-IR, RFC 4959: an empty initial
   * response is sent as {@code =}; {@code null} sends none).
   *
   * @throws IllegalArgumentException if the mechanism name is not an atom
   */
  public EncodedCommand authenticate(String mechanism, byte[] initialResponse) {
    Cmd c = new Cmd("AUTHENTICATE", true).sp().ascii(requireAtom(mechanism, "mechanism").toUpperCase(Locale.ROOT));
    if (initialResponse != null) {
      c.sp().ascii(initialResponse.length == 0 ? "=" : Base64.getEncoder().encodeToString(initialResponse));
    }
    c.sensitive = true;
    return c.done();
  }

  /** A response line to an AUTHENTICATE challenge: base64 of {@code data} and CRLF (sensitive, untagged). */
  public EncodedCommand authenticateResponse(byte[] data) {
    Cmd c = new Cmd("", false).ascii(Base64.getEncoder().encodeToString(data));
    c.sensitive = true;
    return c.done();
  }

  /** {@code *}: cancels an AUTHENTICATE exchange. */
  public EncodedCommand authenticateCancel() {
    return new Cmd("*", false).done();
  }

  // ----------------------------------------------------------------------------- authenticated

  /** {@code ENABLE cap...} (RFC 5161). @throws IllegalArgumentException if a name is not an atom */
  public EncodedCommand enable(String... capabilities) {
    if (capabilities.length == 0) {
      throw new IllegalArgumentException("ENABLE needs a capability");
    }
    Cmd c = new Cmd("ENABLE", true);
    for (String cap : capabilities) {
      c.sp().ascii(requireAtom(cap, "capability"));
      if (cap.equalsIgnoreCase("UTF8=ACCEPT")) {
        // takes effect once the server confirms; the session calls utf8Accept(true)
        continue;
      }
    }
    return c.done();
  }

  /**
   * Parameters of SELECT/EXAMINE: {@code (CONDSTORE)} and/or {@code (QRESYNC (uidvalidity modseq
   * [known-uids [(seq-match-seqs seq-match-uids)]]))} (RFC 7162).
   *
   * @param condstore send CONDSTORE
   * @param qresyncUidValidity the UIDVALIDITY for QRESYNC, or {@code -1} for none
   * @param qresyncModSeq the last known mod-sequence
   * @param knownUids the known UIDs, or {@code null}
   * @param matchSequences sequence-match data: message numbers, or {@code null}
   * @param matchUids sequence-match data: the corresponding UIDs, or {@code null}
   */
  public record SelectParams(
      boolean condstore,
      long qresyncUidValidity,
      long qresyncModSeq,
      SequenceSet knownUids,
      SequenceSet matchSequences,
      SequenceSet matchUids) {
    /** No parameters. */
    public static final SelectParams NONE = new SelectParams(false, -1, 0, null, null, null);

    /** {@code (CONDSTORE)}. */
    public static final SelectParams CONDSTORE = new SelectParams(true, -1, 0, null, null, null);

    /** {@code (QRESYNC (uidValidity modSeq [knownUids]))}. */
    public static SelectParams qresync(long uidValidity, long modSeq, SequenceSet knownUids) {
      return new SelectParams(false, uidValidity, modSeq, knownUids, null, null);
    }
  }

  /** {@code SELECT mailbox [params]}. */
  public EncodedCommand select(String mailbox, SelectParams params) {
    return selectOrExamine("SELECT", mailbox, params);
  }

  /** {@code EXAMINE mailbox [params]}. */
  public EncodedCommand examine(String mailbox, SelectParams params) {
    return selectOrExamine("EXAMINE", mailbox, params);
  }

  private EncodedCommand selectOrExamine(String name, String mailbox, SelectParams p) {
    Cmd c = new Cmd(name, true).sp().mailbox(mailbox);
    if (p != null && (p.condstore() || p.qresyncUidValidity() >= 0)) {
      c.ascii(" (");
      if (p.condstore()) {
        c.ascii("CONDSTORE");
      }
      if (p.qresyncUidValidity() >= 0) {
        if (p.condstore()) {
          c.sp();
        }
        c.ascii("QRESYNC (" + p.qresyncUidValidity() + " " + p.qresyncModSeq());
        if (p.knownUids() != null) {
          c.sp().ascii(p.knownUids().toString());
          if (p.matchSequences() != null && p.matchUids() != null) {
            c.ascii(" (" + p.matchSequences() + " " + p.matchUids() + ")");
          }
        }
        c.ascii(")");
      }
      c.ascii(")");
    }
    return c.done();
  }

  /** {@code CREATE mailbox [(USE (attr...))]} (RFC 6154 when {@code specialUse} is non-empty). */
  public EncodedCommand create(String mailbox, List<String> specialUse) {
    Cmd c = new Cmd("CREATE", true).sp().mailbox(mailbox);
    if (specialUse != null && !specialUse.isEmpty()) {
      c.ascii(" (USE ").list(flags(specialUse)).ascii(")");
    }
    return c.done();
  }

  /** {@code DELETE mailbox}. */
  public EncodedCommand delete(String mailbox) {
    return new Cmd("DELETE", true).sp().mailbox(mailbox).done();
  }

  /** {@code RENAME from to}. */
  public EncodedCommand rename(String from, String to) {
    return new Cmd("RENAME", true).sp().mailbox(from).sp().mailbox(to).done();
  }

  /** {@code SUBSCRIBE mailbox}. */
  public EncodedCommand subscribe(String mailbox) {
    return new Cmd("SUBSCRIBE", true).sp().mailbox(mailbox).done();
  }

  /** {@code UNSUBSCRIBE mailbox}. */
  public EncodedCommand unsubscribe(String mailbox) {
    return new Cmd("UNSUBSCRIBE", true).sp().mailbox(mailbox).done();
  }

  /**
   * {@code LIST [(selection)] reference patterns [RETURN (options)]} (RFC 9051, RFC 5258, RFC
   * 5819, RFC 6154).
   *
   * @param selection selection options (e.g. SUBSCRIBED, SPECIAL-USE, RECURSIVEMATCH); may be empty
   * @param reference the reference name
   * @param patterns one or more mailbox patterns ({@code *}, {@code %} allowed)
   * @param returnOptions return options (e.g. CHILDREN, SUBSCRIBED, SPECIAL-USE); may be empty
   * @param statusItems STATUS items for the STATUS return option (RFC 5819); may be empty
   */
  public EncodedCommand list(
      List<String> selection, String reference, List<String> patterns, List<String> returnOptions, List<String> statusItems) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("LIST needs a pattern");
    }
    Cmd c = new Cmd("LIST", true).sp();
    if (!selection.isEmpty()) {
      c.list(atoms(selection, "selection option")).sp();
    }
    c.mailbox(reference).sp();
    if (patterns.size() == 1) {
      pattern(c, patterns.get(0));
    } else {
      c.ascii("(");
      for (int i = 0; i < patterns.size(); i++) {
        if (i > 0) {
          c.sp();
        }
        pattern(c, patterns.get(i));
      }
      c.ascii(")");
    }
    if (!returnOptions.isEmpty() || !statusItems.isEmpty()) {
      List<String> ret = new ArrayList<>(atoms(returnOptions, "return option"));
      c.ascii(" RETURN (");
      for (int i = 0; i < ret.size(); i++) {
        if (i > 0) {
          c.sp();
        }
        c.ascii(ret.get(i));
      }
      if (!statusItems.isEmpty()) {
        if (!ret.isEmpty()) {
          c.sp();
        }
        c.ascii("STATUS ").list(atoms(statusItems, "status item"));
      }
      c.ascii(")");
    }
    return c.done();
  }

  private void pattern(Cmd c, String p) {
    // list-mailbox: 1*list-char (ATOM-CHAR / list-wildcards / resp-specials) or string
    String enc = utf8 ? p : ModifiedUtf7.encode(p);
    byte[] b = bytesOf(enc);
    boolean atomish = b.length > 0;
    for (byte x : b) {
      if (!(Ascii2.isAstringChar(x) || x == '%' || x == '*')) {
        atomish = false;
        break;
      }
    }
    if (atomish) {
      c.raw(b);
    } else {
      c.string(b);
    }
  }

  /** {@code LSUB reference pattern} (RFC 3501). */
  public EncodedCommand lsub(String reference, String pattern) {
    Cmd c = new Cmd("LSUB", true).sp().mailbox(reference).sp();
    pattern(c, pattern);
    return c.done();
  }

  /** {@code NAMESPACE}. */
  public EncodedCommand namespace() {
    return new Cmd("NAMESPACE", true).done();
  }

  /** {@code STATUS mailbox (items)}; items such as MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE, HIGHESTMODSEQ, APPENDLIMIT, MAILBOXID. */
  public EncodedCommand status(String mailbox, List<String> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("STATUS needs an item");
    }
    return new Cmd("STATUS", true).sp().mailbox(mailbox).sp().list(atoms(items, "status item")).done();
  }

  /**
   * One message of an APPEND.
   *
   * @param flags the flags to set (may be empty)
   * @param date the internal date, or {@code null}
   * @param size the exact size of the message in bytes
   * @param binary send as literal8 ({@code ~{n}}, RFC 3516) for messages with NUL or raw binary
   */
  public record AppendMessage(List<String> flags, OffsetDateTime date, long size, boolean binary) {}

  /**
   * {@code APPEND mailbox [flags] [date] literal ...} (MULTIAPPEND, RFC 3502, when more than one
   * message). Each message body is a {@link EncodedCommand.MessageBody} part where the caller sends
   * exactly {@code size} bytes.
   *
   * @throws IllegalArgumentException if there is no message or a flag is invalid
   */
  public EncodedCommand append(String mailbox, List<AppendMessage> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("APPEND needs a message");
    }
    Cmd c = new Cmd("APPEND", true).sp().mailbox(mailbox);
    for (int i = 0; i < messages.size(); i++) {
      AppendMessage m = messages.get(i);
      c.sp();
      if (m.flags() != null && !m.flags().isEmpty()) {
        c.list(flags(m.flags())).sp();
      }
      if (m.date() != null) {
        c.ascii("\"" + dateTime(m.date()) + "\" ");
      }
      c.bodyLiteral(i, m.size(), m.binary());
    }
    return c.done();
  }

  static String dateTime(OffsetDateTime d) {
    String[] m = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int off = d.getOffset().getTotalSeconds() / 60;
    char sign = off < 0 ? '-' : '+';
    off = Math.abs(off);
    return String.format(
        Locale.ROOT,
        "%2d-%s-%04d %02d:%02d:%02d %c%02d%02d",
        d.getDayOfMonth(), m[d.getMonthValue() - 1], d.getYear(), d.getHour(), d.getMinute(), d.getSecond(),
        sign, off / 60, off % 60);
  }

  /** {@code IDLE} (RFC 2177); end it with {@link #done()}. */
  public EncodedCommand idle() {
    return new Cmd("IDLE", true).done();
  }

  /** {@code DONE}: ends IDLE (untagged). */
  public EncodedCommand done() {
    return new Cmd("DONE", false).done();
  }

  /** {@code COMPRESS DEFLATE} (RFC 4978). */
  public EncodedCommand compress() {
    return new Cmd("COMPRESS", true).ascii(" DEFLATE").done();
  }

  /**
   * {@code GETMETADATA [(MAXSIZE n DEPTH d)] mailbox entries} (RFC 5464).
   *
   * @param maxSize MAXSIZE, or {@code -1}
   * @param depth DEPTH ({@code "0"}, {@code "1"} or {@code "infinity"}), or {@code null}
   */
  public EncodedCommand getMetadata(String mailbox, long maxSize, String depth, List<String> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("GETMETADATA needs an entry");
    }
    Cmd c = new Cmd("GETMETADATA", true).sp();
    if (maxSize >= 0 || depth != null) {
      List<String> opts = new ArrayList<>();
      if (maxSize >= 0) {
        opts.add("MAXSIZE " + maxSize);
      }
      if (depth != null) {
        if (!depth.equals("0") && !depth.equals("1") && !depth.equalsIgnoreCase("infinity")) {
          throw new IllegalArgumentException("invalid DEPTH: " + depth);
        }
        opts.add("DEPTH " + depth);
      }
      c.list(opts).sp();
    }
    c.mailbox(mailbox).sp();
    if (entries.size() == 1) {
      c.astring(entries.get(0));
    } else {
      c.ascii("(");
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          c.sp();
        }
        c.astring(entries.get(i));
      }
      c.ascii(")");
    }
    return c.done();
  }

  /** {@code SETMETADATA mailbox (entry value ...)}; a {@code null} value (NIL) removes the entry (RFC 5464). */
  public EncodedCommand setMetadata(String mailbox, Map<String, String> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("SETMETADATA needs an entry");
    }
    Cmd c = new Cmd("SETMETADATA", true).sp().mailbox(mailbox).ascii(" (");
    boolean first = true;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (!first) {
        c.sp();
      }
      first = false;
      c.astring(e.getKey()).sp();
      if (e.getValue() == null) {
        c.ascii("NIL");
      } else {
        c.string(e.getValue());
      }
    }
    return c.ascii(")").done();
  }

  /**
   * One event group of NOTIFY SET (RFC 5465).
   *
   * @param filter SELECTED, SELECTED-DELAYED, INBOXES, PERSONAL, SUBSCRIBED, SUBTREE or MAILBOXES
   * @param mailboxes the mailboxes for SUBTREE and MAILBOXES (else empty)
   * @param events the events (e.g. MessageNew, MessageExpunge, FlagChange, MailboxName); empty sends NONE
   */
  public record NotifyGroup(String filter, List<String> mailboxes, List<String> events) {}

  /** {@code NOTIFY SET [STATUS] (filter events) ...}. */
  public EncodedCommand notifySet(boolean status, List<NotifyGroup> groups) {
    Cmd c = new Cmd("NOTIFY", true).ascii(" SET");
    if (status) {
      c.ascii(" STATUS");
    }
    for (NotifyGroup g : groups) {
      c.ascii(" (").ascii(requireAtom(g.filter(), "filter").toUpperCase(Locale.ROOT));
      if (!g.mailboxes().isEmpty()) {
        c.ascii(" (");
        for (int i = 0; i < g.mailboxes().size(); i++) {
          if (i > 0) {
            c.sp();
          }
          c.mailbox(g.mailboxes().get(i));
        }
        c.ascii(")");
      }
      c.sp();
      if (g.events().isEmpty()) {
        c.ascii("NONE");
      } else {
        c.ascii("(");
        for (int i = 0; i < g.events().size(); i++) {
          if (i > 0) {
            c.sp();
          }
          String ev = g.events().get(i);
          // an event may carry fetch attributes: MessageNew (UID BODY.PEEK[HEADER])
          int paren = ev.indexOf(' ');
          if (paren > 0) {
            c.ascii(requireAtom(ev.substring(0, paren), "event")).sp().ascii(fetchItems(ev.substring(paren + 1)));
          } else {
            c.ascii(requireAtom(ev, "event"));
          }
        }
        c.ascii(")");
      }
      c.ascii(")");
    }
    return c.done();
  }

  /** {@code NOTIFY NONE}. */
  public EncodedCommand notifyNone() {
    return new Cmd("NOTIFY", true).ascii(" NONE").done();
  }

  /** {@code GETQUOTA root} (RFC 9208). */
  public EncodedCommand getQuota(String root) {
    return new Cmd("GETQUOTA", true).sp().astring(root).done();
  }

  /** {@code GETQUOTAROOT mailbox} (RFC 9208). */
  public EncodedCommand getQuotaRoot(String mailbox) {
    return new Cmd("GETQUOTAROOT", true).sp().mailbox(mailbox).done();
  }

  /** {@code SETQUOTA root (resource limit ...)} (RFC 9208); iteration order of {@code limits} is kept. */
  public EncodedCommand setQuota(String root, Map<String, Long> limits) {
    Cmd c = new Cmd("SETQUOTA", true).sp().astring(root).ascii(" (");
    boolean first = true;
    for (Map.Entry<String, Long> e : limits.entrySet()) {
      if (!first) {
        c.sp();
      }
      first = false;
      c.ascii(requireAtom(e.getKey(), "resource")).sp().ascii(Long.toString(e.getValue()));
    }
    return c.ascii(")").done();
  }

  // ---------------------------------------------------------------------------------- selected

  /** {@code CHECK} (RFC 3501). */
  public EncodedCommand check() {
    return new Cmd("CHECK", true).done();
  }

  /** {@code CLOSE}. */
  public EncodedCommand close() {
    return new Cmd("CLOSE", true).done();
  }

  /** {@code UNSELECT} (RFC 3691). */
  public EncodedCommand unselect() {
    return new Cmd("UNSELECT", true).done();
  }

  /** {@code EXPUNGE}. */
  public EncodedCommand expunge() {
    return new Cmd("EXPUNGE", true).done();
  }

  /** {@code UID EXPUNGE set} (RFC 4315). */
  public EncodedCommand uidExpunge(SequenceSet uids) {
    return new Cmd("UID EXPUNGE", true).sp().ascii(uids.toString()).done();
  }

  /**
   * {@code [UID] SEARCH [RETURN (options)] [CHARSET cs] key} (ESEARCH, RFC 4731 / RFC 9051).
   *
   * @param returnOptions null for a plain SEARCH; else MIN, MAX, ALL, COUNT, SAVE (may be empty: {@code RETURN ()})
   * @param charset the charset, or {@code null}; strings that are not ASCII are sent as UTF-8
   *     literals, so pass {@code "UTF-8"} for them unless UTF8=ACCEPT is on
   */
  public EncodedCommand search(boolean uid, List<String> returnOptions, String charset, SearchKey key) {
    Cmd c = new Cmd(uid ? "UID SEARCH" : "SEARCH", true);
    if (returnOptions != null) {
      c.ascii(" RETURN ").list(atoms(returnOptions, "return option"));
    }
    if (charset != null) {
      c.ascii(" CHARSET ").astring(charset);
    }
    c.sp();
    searchKey(c, key, false);
    return c.done();
  }

  /** {@code [UID] SORT (criteria) charset key} (RFC 5256); criteria like REVERSE, DATE, ARRIVAL, FROM, SUBJECT, SIZE. */
  public EncodedCommand sort(boolean uid, List<String> criteria, String charset, SearchKey key) {
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("SORT needs a criterion");
    }
    Cmd c = new Cmd(uid ? "UID SORT" : "SORT", true).sp().list(atoms(criteria, "sort criterion")).sp().astring(charset).sp();
    searchKey(c, key, false);
    return c.done();
  }

  /** {@code [UID] THREAD algorithm charset key} (RFC 5256), e.g. REFERENCES or ORDEREDSUBJECT. */
  public EncodedCommand thread(boolean uid, String algorithm, String charset, SearchKey key) {
    Cmd c = new Cmd(uid ? "UID THREAD" : "THREAD", true).sp().ascii(requireAtom(algorithm, "algorithm")).sp().astring(charset).sp();
    searchKey(c, key, false);
    return c.done();
  }

  private void searchKey(Cmd c, SearchKey key, boolean paren) {
    if (paren) {
      c.ascii("(");
    }
    for (int i = 0; i < key.tokens.size(); i++) {
      if (i > 0) {
        c.sp();
      }
      SearchKey.Token t = key.tokens.get(i);
      if (t instanceof SearchKey.Word w) {
        c.ascii(w.word());
      } else if (t instanceof SearchKey.Str s) {
        c.string(s.value());
      } else if (t instanceof SearchKey.Nested n) {
        if (n.parenthesized() || key.tokens.size() > 1) {
          c.ascii("(");
        }
        for (int k = 0; k < n.keys().size(); k++) {
          if (k > 0) {
            c.sp();
          }
          SearchKey sub = n.keys().get(k);
          searchKey(c, sub, n.keys().size() > 1 && sub.tokens.size() == 1 && sub.tokens.get(0) instanceof SearchKey.Nested);
        }
        if (n.parenthesized() || key.tokens.size() > 1) {
          c.ascii(")");
        }
      }
    }
    if (paren) {
      c.ascii(")");
    }
  }

  /**
   * {@code [UID] FETCH set items [(CHANGEDSINCE n [VANISHED])]} (RFC 7162 modifiers).
   *
   * @param items fetch attributes (e.g. {@code UID}, {@code FLAGS}, {@code BODY.PEEK[HEADER.FIELDS (SUBJECT)]<0.512>}) or one macro (ALL, FAST, FULL)
   * @param changedSince CHANGEDSINCE, or {@code -1}
   * @param vanished add VANISHED (UID FETCH with QRESYNC only)
   * @throws IllegalArgumentException if an item has characters that cannot appear in a fetch attribute
   */
  public EncodedCommand fetch(boolean uid, SequenceSet set, List<String> items, long changedSince, boolean vanished) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("FETCH needs an item");
    }
    Cmd c = new Cmd(uid ? "UID FETCH" : "FETCH", true).sp().ascii(set.toString()).sp();
    if (items.size() == 1 && isMacro(items.get(0))) {
      c.ascii(items.get(0).toUpperCase(Locale.ROOT));
    } else {
      c.ascii("(");
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          c.sp();
        }
        c.ascii(fetchItems(items.get(i)));
      }
      c.ascii(")");
    }
    if (changedSince >= 0) {
      c.ascii(" (CHANGEDSINCE " + changedSince + (vanished ? " VANISHED" : "") + ")");
    } else if (vanished) {
      throw new IllegalArgumentException("VANISHED needs CHANGEDSINCE");
    }
    return c.done();
  }

  private static boolean isMacro(String s) {
    return s.equalsIgnoreCase("ALL") || s.equalsIgnoreCase("FAST") || s.equalsIgnoreCase("FULL");
  }

  /** Validates fetch attribute text: printable ASCII, no quotes/braces/backslashes, balanced brackets and parens. */
  private static String fetchItems(String s) {
    int depth = 0;
    int bracket = 0;
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty fetch item");
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '{' || ch == '\\' || ch == '%' || ch == '*') {
        throw new IllegalArgumentException("invalid fetch item: " + s);
      }
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == '[') {
        bracket++;
      } else if (ch == ']') {
        bracket--;
      } else if (ch == ' ' && depth == 0 && bracket == 0) {
        throw new IllegalArgumentException("invalid fetch item (space outside a section): " + s);
      }
      if (depth < 0 || bracket < 0 || bracket > 1) {
        throw new IllegalArgumentException("invalid fetch item: " + s);
      }
    }
    if (depth != 0 || bracket != 0) {
      throw new IllegalArgumentException("unbalanced fetch item: " + s);
    }
    return s;
  }

  /** How STORE changes flags. */
  public enum StoreMode {
    /** {@code FLAGS}: replace. */
    REPLACE(""),
    /** {@code +FLAGS}: add. */
    ADD("+"),
    /** {@code -FLAGS}: remove. */
    REMOVE("-");

    final String prefix;

    StoreMode(String prefix) {
      this.prefix = prefix;
    }
  }

  /**
   * {@code [UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (flags)} (RFC 7162 modifier).
   *
   * @param unchangedSince UNCHANGEDSINCE, or {@code -1}
   */
  public EncodedCommand store(boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags, long unchangedSince) {
    Cmd c = new Cmd(uid ? "UID STORE" : "STORE", true).sp().ascii(set.toString()).sp();
    if (unchangedSince >= 0) {
      c.ascii("(UNCHANGEDSINCE " + unchangedSince + ") ");
    }
    c.ascii(mode.prefix + "FLAGS" + (silent ? ".SILENT" : "")).sp().list(flags(flags));
    return c.done();
  }

  /** {@code STORE set +X-GM-LABELS (labels)} style Gmail label changes; labels are astrings. */
  public EncodedCommand storeGmailLabels(boolean uid, SequenceSet set, StoreMode mode, List<String> labels) {
    Cmd c = new Cmd(uid ? "UID STORE" : "STORE", true).sp().ascii(set.toString()).sp()
        .ascii(mode.prefix + "X-GM-LABELS (");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        c.sp();
      }
      String l = labels.get(i);
      if (l.startsWith("\\")) {
        c.ascii(requireFlag(l));
      } else {
        c.astring(l);
      }
    }
    return c.ascii(")").done();
  }

  /** {@code [UID] COPY set mailbox}. */
  public EncodedCommand copy(boolean uid, SequenceSet set, String mailbox) {
    return new Cmd(uid ? "UID COPY" : "COPY", true).sp().ascii(set.toString()).sp().mailbox(mailbox).done();
  }

  /** {@code [UID] MOVE set mailbox} (RFC 6851). */
  public EncodedCommand move(boolean uid, SequenceSet set, String mailbox) {
    return new Cmd(uid ? "UID MOVE" : "MOVE", true).sp().ascii(set.toString()).sp().mailbox(mailbox).done();
  }
}
