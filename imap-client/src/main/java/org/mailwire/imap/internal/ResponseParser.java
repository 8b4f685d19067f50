package org.mailwire.imap.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mailwire.imap.codec.Address;
import org.mailwire.imap.codec.BodySection;
import org.mailwire.imap.codec.BodyStructure;
import org.mailwire.imap.codec.Deviation;
import org.mailwire.imap.codec.Deviation.Quirk;
import org.mailwire.imap.codec.Envelope;
import org.mailwire.imap.codec.FetchItem;
import org.mailwire.imap.codec.ImapEvent;
import org.mailwire.imap.codec.ImapLimits;
import org.mailwire.imap.codec.ModifiedUtf7;
import org.mailwire.imap.codec.Response;
import org.mailwire.imap.codec.ResponseCode;
import org.mailwire.imap.codec.SequenceSet;
import org.mailwire.imap.codec.Status;
import org.mailwire.imap.codec.UntaggedData;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;

/**
 * The IMAP response grammar (RFC 9051 and RFC 3501 with the supported extensions) over one framed
 * response held in a byte array: its line, with literals inline after their {@code {n}CRLF}
 * headers, except body-section literals already streamed, whose data is absent. One instance per
 * decoder; not thread-safe.
 */
public final class ResponseParser {
  private static final byte[] NIL = {'N', 'I', 'L'};

  private final ImapLimits limits;
  private final boolean strict;
  private final Consumer<Deviation> deviations;
  private boolean utf8Accepted;

  private byte[] a;
  private int pos;
  private int start;
  private int end; // index of the final line terminator
  private long base; // stream offset of a[start]
  private int[] streamedPos;
  private long[] streamedSize;
  private int streamedCount;
  private int depth;
  private int items;
  private long fetchSeq;
  private final List<ImapEvent> inlineBodies = new ArrayList<>();
  private final Vocab.Cache strings = new Vocab.Cache();
  /** Elements of the lists being built, nested lists above their parents; see {@link #listFrom}. */
  private Object[] stack = new Object[64];
  private int top;
  /** Deviations seen in the current response. */
  private int devCount;
  /** The deviations of the current response, reported when it has parsed (not when it then fails). */
  private final List<Deviation> pending = new ArrayList<>();
  /** The last single-parameter list, reused when the next one has the same (cached) strings. */
  private List<BodyStructure.Param> lastParams = List.of();
  /** The last FLAGS item, reused when the next one has the same (interned) flags. */
  private FetchItem.Flags lastFlags = new FetchItem.Flags(List.of());
  private final boolean[] loose = new boolean[1];

  public ResponseParser(ImapLimits limits, boolean strict, Consumer<Deviation> deviations) {
    this.limits = limits;
    this.strict = strict;
    this.deviations = deviations;
  }

  /** Whether raw UTF-8 mailbox names are legal (UTF8=ACCEPT enabled). */
  public void utf8Accepted(boolean on) {
    this.utf8Accepted = on;
  }

  /**
   * Body events for sections sent inline (quoted, NIL, or a literal that was not streamed), in
   * order; the caller drains the list after each {@link #parse}.
   */
  public List<ImapEvent> inlineBodies() {
    return inlineBodies;
  }

  /**
   * Parses one response.
   *
   * @param buf the bytes
   * @param from the first byte of the response
   * @param to one past its final LF
   * @param streamOffset the stream offset of {@code buf[from]}
   * @param streamed positions (of the <code>{</code>) of literals whose data was streamed
   * @param streamedSizes their sizes
   * @param nStreamed how many
   * @param greeting whether this is the first response of the connection
   * @throws ProtocolException when the response does not follow the grammar (in lenient mode: even
   *     with the tolerated deviations)
   */
  public Response parse(
      byte[] buf,
      int from,
      int to,
      long streamOffset,
      int[] streamed,
      long[] streamedSizes,
      int nStreamed,
      boolean greeting)
      throws ProtocolException {
    a = buf;
    start = pos = from;
    end = to - 1;
    if (end > from && a[end - 1] == '\r') {
      end--;
    }
    base = streamOffset;
    streamedPos = streamed;
    streamedSize = streamedSizes;
    streamedCount = nStreamed;
    depth = 0;
    items = 0;
    devCount = 0;
    if (top != 0) {
      Arrays.fill(stack, 0, top, null);
      top = 0;
    }
    inlineBodies.clear();
    pending.clear();
    Response r = response(greeting);
    finish();
    if (!pending.isEmpty()) {
      for (Deviation d : pending) {
        deviations.accept(d);
      }
      pending.clear();
    }
    return r;
  }

  // ---------------------------------------------------------------------------------- responses

  private Response response(boolean greeting) throws ProtocolException {
    byte c = peek();
    if (c == '+') {
      pos++;
      if (pos == end) {
        dev(Quirk.BARE_CONTINUATION);
        return new Response.Continuation(null, "");
      }
      if (peek() != ' ') {
        dev(Quirk.BARE_CONTINUATION);
      } else {
        pos++;
      }
      ResponseCode code = optCode();
      return new Response.Continuation(code, text());
    }
    if (c == '*') {
      pos++;
      sp();
      if (Ascii2.isDigit(peek())) {
        return numbered();
      }
      int s = pos;
      int e = atomEnd();
      if (e == s) {
        throw err("expected a response name");
      }
      Status st = status(s, e);
      if (st != null) {
        pos = e;
        if (greeting) {
          if (st == Status.OK || st == Status.PREAUTH || st == Status.BYE) {
            ResponseCode code = respTextStart();
            return new Response.Greeting(st, code, text());
          }
          dev(Quirk.NO_GREETING);
        }
        ResponseCode code = respTextStart();
        return new Response.UntaggedStatus(st, code, text());
      }
      if (greeting) {
        dev(Quirk.NO_GREETING);
      }
      return untagged(s, e);
    }
    if (c == '[' && !strict && !statusAfterFirstWord()) {
      // Exchange 2013 after UID MOVE: "[COPYUID 124 10 233]" without "* OK"
      dev(Quirk.BARE_CODE);
      return new Response.UntaggedStatus(Status.OK, optCode(), text());
    }
    // tagged
    int s = pos;
    while (pos < end && isTagChar(a[pos])) {
      pos++;
    }
    if (pos == s) {
      throw err("expected a tag, '*' or '+'");
    }
    String tag = strings.string(a, s, pos - s);
    sp();
    int ss = pos;
    int se = atomEnd();
    Status st = status(ss, se);
    if (st == null || st == Status.PREAUTH) {
      throw err("expected OK, NO or BAD after the tag");
    }
    if (st == Status.BYE) {
      dev(Quirk.TAGGED_BYE);
    }
    pos = se;
    ResponseCode code = respTextStart();
    return new Response.Tagged(tag, st, code, text());
  }

  /** Whether the word after the first space of the line is OK, NO, BAD, BYE or PREAUTH. */
  private boolean statusAfterFirstWord() {
    int sp = indexOf(pos, (byte) ' ');
    if (sp < 0) {
      return false;
    }
    int e = sp + 1;
    while (e < end && Ascii2.isAtomChar(a[e])) {
      e++;
    }
    return status(sp + 1, e) != null;
  }

  private static boolean isTagChar(byte b) {
    return Ascii2.isAstringChar(b) && b != '+';
  }

  private Status status(int s, int e) {
    int n = e - s;
    if (n == 2) {
      if (eq(s, n, "OK")) {
        return Status.OK;
      }
      if (eq(s, n, "NO")) {
        return Status.NO;
      }
    } else if (n == 3) {
      if (eq(s, n, "BAD")) {
        return Status.BAD;
      }
      if (eq(s, n, "BYE")) {
        return Status.BYE;
      }
    } else if (n == 7 && eq(s, n, "PREAUTH")) {
      return Status.PREAUTH;
    }
    return null;
  }

  /** After OK/NO/BAD: SP, optional [code]. Tolerates a missing SP and text. */
  private ResponseCode respTextStart() throws ProtocolException {
    if (pos == end) {
      dev(Quirk.MISSING_TEXT);
      return null;
    }
    sp();
    return optCode();
  }

  private ResponseCode optCode() throws ProtocolException {
    if (peek() != '[') {
      return null;
    }
    pos++;
    ResponseCode code = code();
    if (pos < end && peek() == ' ') {
      pos++;
    } else if (a[pos - 1] == ']') {
      // "* OK [HIGHESTMODSEQ 5]" (Yahoo, Zoho, Gmail): no SP after the code
      dev(Quirk.MISSING_TEXT);
    }
    return code;
  }

  private String text() {
    String t = pos >= end ? "" : new String(a, pos, end - pos, StandardCharsets.UTF_8);
    pos = end;
    return t;
  }

  private Response numbered() throws ProtocolException {
    long n = number();
    sp();
    int s = pos;
    int e = atomEnd();
    pos = e;
    int len = e - s;
    if (len == 6 && eq(s, len, "EXISTS")) {
      return new UntaggedData.Exists(n);
    }
    if (len == 6 && eq(s, len, "RECENT")) {
      return new UntaggedData.Recent(n);
    }
    if (len == 7 && eq(s, len, "EXPUNGE")) {
      return new UntaggedData.Expunge(n);
    }
    if (len == 5 && eq(s, len, "FETCH")) {
      sp();
      return fetch(n);
    }
    String name = n + " " + new String(a, s, len, StandardCharsets.ISO_8859_1);
    return new UntaggedData.Unknown(name, rest());
  }

  private String rest() {
    if (pos < end && a[pos] == ' ') {
      pos++;
    }
    return text();
  }

  private Response untagged(int s, int e) throws ProtocolException {
    pos = e;
    int n = e - s;
    switch (n) {
      case 2:
        if (eq(s, n, "ID")) {
          return id();
        }
        break;
      case 4:
        if (eq(s, n, "LIST")) {
          return list("LIST");
        }
        if (eq(s, n, "LSUB")) {
          return list("LSUB");
        }
        if (eq(s, n, "SORT")) {
          return sort();
        }
        break;
      case 5:
        if (eq(s, n, "FLAGS")) {
          sp();
          return new UntaggedData.Flags(flagList(false));
        }
        if (eq(s, n, "XLIST")) {
          return list("XLIST");
        }
        if (eq(s, n, "QUOTA")) {
          return quota();
        }
        break;
      case 6:
        if (eq(s, n, "STATUS")) {
          return statusData();
        }
        if (eq(s, n, "SEARCH")) {
          return search();
        }
        if (eq(s, n, "THREAD")) {
          return thread();
        }
        break;
      case 7:
        if (eq(s, n, "ESEARCH")) {
          return esearch();
        }
        if (eq(s, n, "ENABLED")) {
          return new UntaggedData.Enabled(atoms());
        }
        break;
      case 8:
        if (eq(s, n, "METADATA")) {
          return metadata();
        }
        if (eq(s, n, "VANISHED")) {
          return vanished();
        }
        break;
      case 9:
        if (eq(s, n, "NAMESPACE")) {
          return namespace();
        }
        if (eq(s, n, "QUOTAROOT")) {
          return quotaRoot();
        }
        break;
      case 10:
        if (eq(s, n, "CAPABILITY")) {
          return new UntaggedData.Capability(atoms());
        }
        break;
      default:
        break;
    }
    String name = new String(a, s, n, StandardCharsets.ISO_8859_1);
    return new UntaggedData.Unknown(name, rest());
  }

  /** {@code *(SP atom)} to the end of the line. */
  private List<String> atoms() throws ProtocolException {
    List<String> out = new ArrayList<>();
    while (pos < end) {
      sp();
      if (pos == end) {
        dev(Quirk.TRAILING_SPACE);
        break;
      }
      int s = pos;
      int e = atomEnd();
      if (e == s) {
        throw err("expected an atom");
      }
      count();
      out.add(strings.string(a, s, e - s));
      pos = e;
    }
    return Collections.unmodifiableList(out);
  }

  // ------------------------------------------------------------------------------ response codes

  private ResponseCode code() throws ProtocolException {
    int s = pos;
    int e = atomEnd();
    if (e == s) {
      throw err("expected a response code");
    }
    pos = e;
    String name = upper(s, e);
    if (peek() == ']') {
      pos++;
      return switch (name) {
        case "BADCHARSET" -> new ResponseCode.BadCharset(List.of());
        case "CAPABILITY" -> new ResponseCode.Capability(List.of());
        default -> new ResponseCode.Simple(name);
      };
    }
    if (peek() != ' ') {
      if (strict || pos >= end) {
        throw err("expected ']' or SP in response code");
      }
      // Office 365 proxy errors: [Error="..." Proxy=...]: kept raw up to the closing bracket
      dev(Quirk.MALFORMED_CODE);
      int argStart = pos;
      int close = Ascii2.indexOfBracketEnd(a, argStart, end);
      if (close < 0) {
        dev(Quirk.UNTERMINATED_CODE);
        close = end;
      }
      pos = Math.min(close + 1, end);
      return new ResponseCode.Other(name, new String(a, argStart, close - argStart, StandardCharsets.UTF_8));
    }
    int argStart = pos + 1;
    int save = pos;
    ResponseCode typed = typedCode(name);
    if (typed != null && peek() == ']') {
      pos++;
      return typed;
    }
    if (typed != null && strict) {
      throw err("unexpected data in " + name + " response code");
    }
    // unknown (or unreadable in lenient mode): raw up to the closing bracket
    pos = save;
    int close = indexOf(argStart, (byte) ']');
    if (close < 0) {
      if (strict) {
        throw err("response code without ']'");
      }
      dev(Quirk.UNTERMINATED_CODE);
      close = end;
    }
    String text = new String(a, argStart, close - argStart, StandardCharsets.UTF_8);
    pos = Math.min(close + 1, end);
    if (typed != null) {
      dev(Quirk.UNTERMINATED_CODE);
    }
    return new ResponseCode.Other(name, text);
  }

  /** Reads the arguments of a known code after its SP; null for unknown codes. */
  private ResponseCode typedCode(String name) throws ProtocolException {
    switch (name) {
      case "UIDNEXT":
        pos++;
        return new ResponseCode.UidNext(number());
      case "UIDVALIDITY":
        pos++;
        return new ResponseCode.UidValidity(number());
      case "UNSEEN":
        pos++;
        return new ResponseCode.Unseen(number());
      case "HIGHESTMODSEQ":
        pos++;
        return new ResponseCode.HighestModSeq(number());
      case "APPENDLIMIT":
        pos++;
        return new ResponseCode.AppendLimit(number());
      case "MODIFIED":
        pos++;
        return new ResponseCode.Modified(sequenceSet());
      case "APPENDUID": {
        pos++;
        long v = number();
        sp();
        return new ResponseCode.AppendUid(v, sequenceSet());
      }
      case "COPYUID": {
        pos++;
        long v = number();
        sp();
        SequenceSet src = sequenceSet();
        sp();
        return new ResponseCode.CopyUid(v, src, sequenceSet());
      }
      case "MAILBOXID": {
        pos++;
        return new ResponseCode.MailboxId(objectId());
      }
      case "CAPABILITY": {
        List<String> caps = new ArrayList<>();
        while (peek() == ' ') {
          pos++;
          int s = pos;
          int e = atomEnd();
          if (e == s) {
            break;
          }
          count();
          caps.add(strings.string(a, s, e - s));
          pos = e;
        }
        return new ResponseCode.Capability(Collections.unmodifiableList(caps));
      }
      case "PERMANENTFLAGS":
        pos++;
        return new ResponseCode.PermanentFlags(flagList(true));
      case "BADCHARSET": {
        pos++;
        open();
        List<String> cs = new ArrayList<>();
        while (true) {
          count();
          cs.add(astring());
          if (peek() == ')') {
            break;
          }
          sp();
        }
        close();
        return new ResponseCode.BadCharset(Collections.unmodifiableList(cs));
      }
      case "METADATA": {
        pos++;
        int s = pos;
        int e = atomEnd();
        pos = e;
        String kind = upper(s, e);
        long v = -1;
        if (kind.equals("LONGENTRIES") || kind.equals("MAXSIZE")) {
          sp();
          v = number();
        }
        return new ResponseCode.Metadata(kind, v);
      }
      case "REFERRAL": {
        pos++;
        int s = pos;
        int close = indexOf(s, (byte) ']');
        if (close < 0) {
          return null;
        }
        pos = close;
        return new ResponseCode.Referral(new String(a, s, close - s, StandardCharsets.UTF_8));
      }
      default:
        return null;
    }
  }

  private String objectId() throws ProtocolException {
    open();
    int s = pos;
    while (pos < end && (Ascii2.isAlnum(a[pos]) || a[pos] == '-' || a[pos] == '_')) {
      pos++;
    }
    if (pos == s) {
      throw err("expected an object id");
    }
    String id = new String(a, s, pos - s, StandardCharsets.ISO_8859_1);
    close();
    return id;
  }

  // -------------------------------------------------------------------------------- data responses

  private Response list(String command) throws ProtocolException {
    sp();
    List<String> attrs = flagList(true);
    sp();
    String delim = nstringOrQuotedChar();
    sp();
    String mailbox = mailbox();
    List<String> childInfo = List.of();
    String oldName = null;
    List<String> other = List.of();
    if (peek() == ' ') {
      pos++;
      if (peek() == '(') {
        open();
        List<String> others = new ArrayList<>();
        while (peek() != ')') {
          int tagStart = pos;
          String tag = astring();
          sp();
          if (tag.equalsIgnoreCase("CHILDINFO")) {
            open();
            List<String> ci = new ArrayList<>();
            while (true) {
              count();
              ci.add(astring());
              if (peek() == ')') {
                break;
              }
              sp();
            }
            close();
            childInfo = Collections.unmodifiableList(ci);
          } else if (tag.equalsIgnoreCase("OLDNAME")) {
            open();
            // as sent: the point of OLDNAME is the name the client used (RFC 9051 §8: "inbox" for INBOX)
            oldName = mailbox(false);
            close();
          } else {
            skipValue();
            count();
            others.add(new String(a, tagStart, pos - tagStart, StandardCharsets.UTF_8));
          }
          if (peek() == ' ') {
            pos++;
          }
        }
        close();
        if (!others.isEmpty()) {
          other = Collections.unmodifiableList(others);
        }
      } else {
        // tolerated trailing space
        pos--;
      }
    }
    return new UntaggedData.MailboxList(command, attrs, delim, mailbox, childInfo, oldName, other);
  }

  private String nstringOrQuotedChar() throws ProtocolException {
    return nstring();
  }

  private Response statusData() throws ProtocolException {
    sp();
    String mailbox = mailbox();
    sp();
    long messages = -1, uidNext = -1, uidValidity = -1, unseen = -1, deleted = -1, size = -1;
    long hms = -1, appendLimit = -1, recent = -1;
    String mailboxId = null;
    List<String> other = null;
    open();
    while (peek() != ')') {
      int s = pos;
      int e = atomEnd();
      if (e == s) {
        throw err("expected a STATUS item");
      }
      pos = e;
      String name = upper(s, e);
      sp();
      count();
      switch (name) {
        case "MESSAGES" -> messages = number();
        case "UIDNEXT" -> uidNext = number();
        case "UIDVALIDITY" -> uidValidity = number();
        case "UNSEEN" -> unseen = number();
        case "DELETED" -> deleted = number();
        case "SIZE" -> size = number();
        case "HIGHESTMODSEQ" -> hms = number();
        case "RECENT" -> recent = number();
        case "APPENDLIMIT" -> {
          if (isNil()) {
            pos += 3;
            appendLimit = -2;
          } else {
            appendLimit = number();
          }
        }
        case "MAILBOXID" -> mailboxId = objectId();
        default -> {
          skipValue();
          if (other == null) {
            other = new ArrayList<>();
          }
          other.add(new String(a, s, pos - s, StandardCharsets.UTF_8));
        }
      }
      if (peek() == ' ') {
        pos++;
      }
    }
    close();
    return new UntaggedData.MailboxStatus(
        mailbox, messages, uidNext, uidValidity, unseen, deleted, size, hms, appendLimit, recent,
        mailboxId, other == null ? List.of() : Collections.unmodifiableList(other));
  }

  private Response search() throws ProtocolException {
    long[] nums = new long[16];
    int n = 0;
    long modSeq = -1;
    while (pos < end) {
      sp();
      if (pos == end) {
        dev(Quirk.TRAILING_SPACE);
        break;
      }
      if (peek() == '(') {
        open();
        expectWord("MODSEQ");
        sp();
        modSeq = number();
        close();
        continue;
      }
      count();
      if (n == nums.length) {
        nums = Arrays.copyOf(nums, n * 2);
      }
      nums[n++] = number();
    }
    return new UntaggedData.Search(Arrays.copyOf(nums, n), modSeq);
  }

  private Response sort() throws ProtocolException {
    UntaggedData.Search s = (UntaggedData.Search) search();
    return new UntaggedData.Sort(s.numbers(), s.modSeq());
  }

  private Response esearch() throws ProtocolException {
    String tag = null;
    boolean uid = false;
    long min = -1, max = -1, count = -1, modSeq = -1;
    SequenceSet all = null;
    List<String> other = null;
    if (peek() == ' ' && pos + 1 < end && a[pos + 1] == '(') {
      pos++;
      open();
      expectWord("TAG");
      sp();
      tag = string();
      close();
    }
    if (peek() == ' ' && wordAt(pos + 1, "UID")) {
      pos += 4;
      uid = true;
    }
    while (pos < end) {
      sp();
      if (pos == end) {
        dev(Quirk.TRAILING_SPACE);
        break;
      }
      int s = pos;
      int e = atomEnd();
      if (e == s) {
        throw err("expected ESEARCH return data");
      }
      pos = e;
      String name = upper(s, e);
      sp();
      count();
      switch (name) {
        case "MIN" -> min = number();
        case "MAX" -> max = number();
        case "COUNT" -> count = number();
        case "ALL" -> all = sequenceSet();
        case "MODSEQ" -> modSeq = number();
        default -> {
          skipValue();
          if (other == null) {
            other = new ArrayList<>();
          }
          other.add(new String(a, s, pos - s, StandardCharsets.UTF_8));
        }
      }
    }
    return new UntaggedData.ESearch(
        tag, uid, min, max, count, all, modSeq, other == null ? List.of() : Collections.unmodifiableList(other));
  }

  private Response thread() throws ProtocolException {
    List<UntaggedData.ThreadNode> threads = new ArrayList<>();
    if (peek() == ' ') {
      pos++;
    }
    while (peek() == '(') {
      threads.add(threadList());
    }
    return new UntaggedData.Thread(Collections.unmodifiableList(threads));
  }

  /** thread-list = "(" (thread-members / thread-nested) ")" */
  private UntaggedData.ThreadNode threadList() throws ProtocolException {
    open();
    UntaggedData.ThreadNode node;
    if (peek() == '(') {
      List<UntaggedData.ThreadNode> kids = new ArrayList<>();
      while (peek() == '(') {
        kids.add(threadList());
      }
      node = new UntaggedData.ThreadNode(0, Collections.unmodifiableList(kids));
    } else {
      node = threadMembers();
    }
    close();
    return node;
  }

  private UntaggedData.ThreadNode threadMembers() throws ProtocolException {
    count();
    long n = number();
    if (peek() == ' ') {
      pos++;
    }
    List<UntaggedData.ThreadNode> kids;
    if (peek() == '(') {
      kids = new ArrayList<>();
      while (peek() == '(') {
        kids.add(threadList());
      }
      kids = Collections.unmodifiableList(kids);
    } else if (peek() == ')') {
      kids = List.of();
    } else {
      kids = List.of(threadMembers());
    }
    return new UntaggedData.ThreadNode(n, kids);
  }

  private Response namespace() throws ProtocolException {
    sp();
    List<UntaggedData.NamespaceDescr> p = namespaceList();
    sp();
    List<UntaggedData.NamespaceDescr> o = namespaceList();
    sp();
    List<UntaggedData.NamespaceDescr> s = namespaceList();
    return new UntaggedData.Namespace(p, o, s);
  }

  private List<UntaggedData.NamespaceDescr> namespaceList() throws ProtocolException {
    if (isNil()) {
      pos += 3;
      return List.of();
    }
    open();
    List<UntaggedData.NamespaceDescr> out = new ArrayList<>();
    while (peek() == '(') {
      open();
      String prefix = string();
      sp();
      String delim = nstring();
      List<String> ext = new ArrayList<>();
      while (peek() == ' ') {
        pos++;
        int s = pos;
        string();
        sp();
        skipValue();
        ext.add(new String(a, s, pos - s, StandardCharsets.UTF_8));
      }
      close();
      count();
      out.add(new UntaggedData.NamespaceDescr(
          ModifiedUtf7OrRaw(prefix), delim, ext.isEmpty() ? List.of() : Collections.unmodifiableList(ext)));
      if (peek() == ' ') {
        dev(Quirk.EXTRA_SPACE);
        pos++;
      }
    }
    close();
    return Collections.unmodifiableList(out);
  }

  private String ModifiedUtf7OrRaw(String s) {
    String d = ModifiedUtf7.decode(s);
    return d == null ? s : d;
  }

  private Response quota() throws ProtocolException {
    sp();
    String root = astring();
    sp();
    open();
    List<UntaggedData.QuotaResource> res = new ArrayList<>();
    while (peek() != ')') {
      String name = atom();
      sp();
      long usage = number();
      sp();
      long limit = number();
      count();
      res.add(new UntaggedData.QuotaResource(name, usage, limit));
      if (peek() == ' ') {
        pos++;
      }
    }
    close();
    return new UntaggedData.Quota(root, Collections.unmodifiableList(res));
  }

  private Response quotaRoot() throws ProtocolException {
    sp();
    String mailbox = mailbox();
    List<String> roots = new ArrayList<>();
    while (pos < end) {
      sp();
      if (pos == end) {
        dev(Quirk.TRAILING_SPACE);
        break;
      }
      count();
      roots.add(astring());
    }
    return new UntaggedData.QuotaRoot(mailbox, Collections.unmodifiableList(roots));
  }

  private Response metadata() throws ProtocolException {
    sp();
    String mailbox = mailbox();
    sp();
    List<UntaggedData.MetadataEntry> entries = new ArrayList<>();
    boolean withValues = peek() == '(';
    if (withValues) {
      open();
      while (peek() != ')') {
        String name = astring();
        sp();
        String value = nstring();
        count();
        entries.add(new UntaggedData.MetadataEntry(name, value));
        if (peek() == ' ') {
          pos++;
        }
      }
      close();
    } else {
      while (true) {
        count();
        entries.add(new UntaggedData.MetadataEntry(astring(), null));
        if (pos >= end) {
          break;
        }
        sp();
        if (pos >= end) {
          break;
        }
      }
    }
    return new UntaggedData.Metadata(mailbox, Collections.unmodifiableList(entries), withValues);
  }

  private Response id() throws ProtocolException {
    sp();
    if (isNil()) {
      pos += 3;
      return new UntaggedData.Id(Map.of());
    }
    open();
    Map<String, String> m = new LinkedHashMap<>();
    while (peek() != ')') {
      String k = string();
      sp();
      String v = nstring();
      count();
      m.put(k, v);
      if (peek() == ' ') {
        pos++;
      }
    }
    close();
    return new UntaggedData.Id(Collections.unmodifiableMap(m));
  }

  private Response vanished() throws ProtocolException {
    sp();
    boolean earlier = false;
    if (peek() == '(') {
      open();
      expectWord("EARLIER");
      close();
      sp();
      earlier = true;
    }
    return new UntaggedData.Vanished(earlier, sequenceSet());
  }

  // ------------------------------------------------------------------------------------ FETCH

  private Response fetch(long seq) throws ProtocolException {
    fetchSeq = seq;
    open();
    int mark = top;
    while (true) {
      if (peek() == ')') {
        break;
      }
      if (peek() == '(') {
        // Domino: (ENVELOPE (...))
        dev(Quirk.PARENTHESIZED_FETCH_ITEM);
        open();
        push(fetchItem());
        close();
      } else {
        push(fetchItem());
      }
      count();
      if (peek() == ')') {
        break;
      }
      sp();
      if (peek() == ')') {
        dev(Quirk.EXTRA_SPACE); // QQ: "(UID 19436 )"
        break;
      }
    }
    close();
    return new UntaggedData.Fetch(seq, listFrom(mark));
  }

  private FetchItem fetchItem() throws ProtocolException {
    int s = pos;
    while (pos < end && isItemNameChar(a[pos])) {
      pos++;
    }
    int e = pos;
    int n = e - s;
    if (n == 0) {
      throw err("expected a FETCH item");
    }
    byte next = peek();
    if (next == '[' || next == '<') {
      if (n == 4 && eq(s, n, "BODY")) {
        return section(BodySection.Kind.BODY);
      }
      if (n == 6 && eq(s, n, "BINARY")) {
        return section(BodySection.Kind.BINARY);
      }
      if (n == 11 && eq(s, n, "BINARY.SIZE")) {
        String sec = bracketed();
        sp();
        return new FetchItem.BinarySize(sec, number());
      }
      return unknownItem(s);
    }
    sp();
    switch (n) {
      case 3:
        if (eq(s, n, "UID")) {
          return new FetchItem.Uid(number());
        }
        break;
      case 4:
        if (eq(s, n, "BODY")) {
          return new FetchItem.Structure(body(false), false);
        }
        break;
      case 5:
        if (eq(s, n, "FLAGS")) {
          return flagsItem();
        }
        break;
      case 6:
        if (eq(s, n, "MODSEQ")) {
          if (!strict && peek() == '(' && pos + 2 < end
              && (a[pos + 1] == '-' || (a[pos + 1] == '0' && a[pos + 2] == ')'))) {
            // Zoho: MODSEQ (-1) and MODSEQ (0); a mod-sequence is 1 or more: kept raw
            dev(Quirk.INVALID_MODSEQ);
            return unknownValue(s, e, pos);
          }
          open();
          long v = number();
          close();
          if (v == 0) {
            throw err("a MODSEQ of 0");
          }
          return new FetchItem.ModSeq(v);
        }
        if (eq(s, n, "RFC822")) {
          return sectionValue(new BodySection(BodySection.Kind.RFC822, "", -1));
        }
        break;
      case 7:
        if (eq(s, n, "EMAILID")) {
          return new FetchItem.EmailId(objectId());
        }
        if (eq(s, n, "PREVIEW")) {
          return new FetchItem.Preview(nstring());
        }
        if (eq(s, n, "SNIPPET")) {
          open();
          atom();
          sp();
          String t = nstring();
          close();
          return new FetchItem.Preview(t);
        }
        break;
      case 8:
        if (eq(s, n, "ENVELOPE")) {
          return new FetchItem.EnvelopeItem(envelope());
        }
        if (eq(s, n, "THREADID")) {
          if (isNil()) {
            pos += 3;
            return new FetchItem.ThreadId(null);
          }
          return new FetchItem.ThreadId(objectId());
        }
        if (eq(s, n, "SAVEDATE")) {
          if (isNil()) {
            pos += 3;
            return new FetchItem.SaveDate(null);
          }
          int vs = pos;
          OffsetDateTime d = dateTime();
          return d == null ? unknownValue(s, e, vs) : new FetchItem.SaveDate(d);
        }
        break;
      case 10:
        if (eq(s, n, "X-GM-MSGID")) {
          return new FetchItem.GmMsgId(number());
        }
        if (eq(s, n, "X-GM-THRID")) {
          return new FetchItem.GmThrId(number());
        }
        break;
      case 11:
        if (eq(s, n, "RFC822.SIZE")) {
          return new FetchItem.Rfc822Size(number());
        }
        if (eq(s, n, "RFC822.TEXT")) {
          return sectionValue(new BodySection(BodySection.Kind.RFC822_TEXT, "", -1));
        }
        if (eq(s, n, "X-GM-LABELS")) {
          return new FetchItem.GmLabels(labelList());
        }
        break;
      case 12:
        if (eq(s, n, "INTERNALDATE")) {
          int vs = pos;
          OffsetDateTime d = dateTime();
          return d == null ? unknownValue(s, e, vs) : new FetchItem.InternalDate(d);
        }
        break;
      case 13:
        if (eq(s, n, "BODYSTRUCTURE")) {
          return new FetchItem.Structure(body(true), true);
        }
        if (eq(s, n, "RFC822.HEADER")) {
          return sectionValue(new BodySection(BodySection.Kind.RFC822_HEADER, "", -1));
        }
        break;
      default:
        break;
    }
    return unknownValue(s, e, pos);
  }

  private FetchItem unknownValue(int nameStart, int nameEnd, int valueStart) throws ProtocolException {
    pos = valueStart;
    if (streamedAt(pos) >= 0) {
      throw err("a streamed literal in an unknown FETCH item");
    }
    skipValue();
    return new FetchItem.Unknown(
        new String(a, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1),
        new String(a, valueStart, pos - valueStart, StandardCharsets.UTF_8));
  }

  private FetchItem unknownItem(int s) throws ProtocolException {
    // name with brackets we do not know: skip [..] and <..>
    if (peek() == '[') {
      bracketed();
    }
    if (peek() == '<') {
      while (pos < end && a[pos] != '>') {
        pos++;
      }
      pos++;
    }
    int e = pos;
    sp();
    return unknownValue(s, e, pos);
  }

  private static boolean isItemNameChar(byte b) {
    return b > ' ' && b != '(' && b != ')' && b != '[' && b != '<' && b != '{' && b != '"' && b < 0x7f;
  }

  /** After BODY/BINARY: [section]<origin> SP value. */
  private FetchItem section(BodySection.Kind kind) throws ProtocolException {
    String sec = bracketed();
    long origin = -1;
    if (peek() == '<') {
      pos++;
      origin = number();
      expect('>');
    }
    sp();
    return sectionValue(new BodySection(kind, sec, origin));
  }

  private String bracketed() throws ProtocolException {
    expect('[');
    int s = pos;
    while (pos < end && a[pos] != ']') {
      if (a[pos] == '"') {
        skipQuoted();
      } else {
        pos++;
      }
    }
    if (pos >= end) {
      throw err("section without ']'");
    }
    String sec = s == pos ? "" : strings.string(a, s, pos - s);
    pos++;
    return sec;
  }

  private FetchItem sectionValue(BodySection section) throws ProtocolException {
    byte c = peek();
    if (c == '{' || (c == '~' && pos + 1 < end && a[pos + 1] == '{')) {
      int brace = c == '~' ? pos + 1 : pos;
      int k = streamedAt(brace);
      long n = literalHeader();
      if (k >= 0) {
        return new FetchItem.Body(section, n);
      }
      // inline literal: deliver as events (copy: the buffer may be reused before they are read)
      byte[] data = Arrays.copyOfRange(a, pos, pos + (int) n);
      pos += (int) n;
      inlineBody(section, data);
      return new FetchItem.Body(section, n);
    }
    if (isNil()) {
      pos += 3;
      inlineBodies.add(new ImapEvent.BodyBegin(fetchSeq, section, -1));
      inlineBodies.add(new ImapEvent.BodyEnd(fetchSeq, section));
      return new FetchItem.Body(section, -1);
    }
    if (c == '"') {
      byte[] data = quotedBytes();
      inlineBody(section, data);
      return new FetchItem.Body(section, data.length);
    }
    throw err("expected a body section value");
  }

  private void inlineBody(BodySection section, byte[] data) {
    inlineBodies.add(new ImapEvent.BodyBegin(fetchSeq, section, data.length));
    if (data.length > 0) {
      inlineBodies.add(new ImapEvent.BodyBytes(data, 0, data.length));
    }
    inlineBodies.add(new ImapEvent.BodyEnd(fetchSeq, section));
  }

  private List<String> labelList() throws ProtocolException {
    open();
    List<String> out = new ArrayList<>();
    while (peek() != ')') {
      count();
      if (peek() == '\\') {
        int s = pos;
        pos++;
        int e = atomEnd();
        pos = e;
        out.add(strings.string(a, s, e - s));
      } else {
        out.add(astring());
      }
      if (peek() == ' ') {
        pos++;
      }
    }
    close();
    return Collections.unmodifiableList(out);
  }

  private OffsetDateTime dateTime() throws ProtocolException {
    if (peek() != '"') {
      throw err("expected a quoted date-time");
    }
    int s = pos + 1;
    int q = indexOf(s, (byte) '"');
    if (q < 0) {
      throw err("unterminated date-time");
    }
    loose[0] = false;
    OffsetDateTime d = DateTimes.parse(a, s, q - s, strict, loose);
    if (d == null) {
      if (strict) {
        throw err("invalid date-time");
      }
      dev(Quirk.LOOSE_DATE);
      return null;
    }
    if (loose[0]) {
      dev(Quirk.LOOSE_DATE);
    }
    pos = q + 1;
    return d;
  }

  // ------------------------------------------------------------------------------- envelope

  private Envelope envelope() throws ProtocolException {
    open();
    String date = nstring();
    sp();
    String subject = nstring();
    sp();
    int fromStart = pos;
    int devs = devCount;
    List<Address> from = addresses();
    int fromEnd = pos;
    boolean clean = devs == devCount;
    sp();
    List<Address> sender = sameList(from, fromStart, fromEnd, clean) ? from : addresses();
    sp();
    List<Address> replyTo = sameList(from, fromStart, fromEnd, clean) ? from : addresses();
    sp();
    List<Address> to = addresses();
    sp();
    List<Address> cc = addresses();
    sp();
    List<Address> bcc = addresses();
    String inReplyTo = null;
    String messageId = null;
    if (peek() == ')') {
      dev(Quirk.SHORT_ENVELOPE);
    } else {
      sp();
      String last = nstring();
      if (peek() == ')') {
        // QQ: nine fields; the one string after bcc is the message-id (in-reply-to is missing)
        dev(Quirk.SHORT_ENVELOPE);
        messageId = last;
      } else {
        inReplyTo = last;
        sp();
        messageId = nstring();
      }
    }
    close();
    return new Envelope(date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId);
  }

  private List<Address> addresses() throws ProtocolException {
    if (isNil()) {
      pos += 3;
      return List.of();
    }
    open();
    if (peek() == ')') {
      dev(Quirk.EMPTY_LIST);
      close();
      return List.of();
    }
    int mark = top;
    while (true) {
      if (isNil()) {
        // a NIL inside the list (seen from broken servers)
        dev(Quirk.NIL_AS_EMPTY);
        pos += 3;
      } else {
        open();
        String name = nstring();
        sp();
        String adl = nstring();
        sp();
        String mailbox = nstring();
        sp();
        String host = nstring();
        close();
        count();
        push(new Address(name, adl, mailbox, host));
      }
      if (peek() == ')') {
        break;
      }
      if (peek() == ' ') {
        dev(Quirk.EXTRA_SPACE);
        pos++;
      }
    }
    close();
    return listFrom(mark);
  }

  /**
   * Whether the address list at pos is byte for byte the list {@code from} was parsed from (servers
   * fill sender and reply-to from the From header): then it is skipped and {@code from} reused.
   */
  private boolean sameList(List<Address> from, int fromStart, int fromEnd, boolean clean) throws ProtocolException {
    int n = fromEnd - fromStart;
    if (!clean || from.isEmpty() || pos + n > end) {
      return false;
    }
    if (!Arrays.equals(a, fromStart, fromEnd, a, pos, pos + n)) {
      return false;
    }
    byte next = pos + n < end ? a[pos + n] : 0;
    if (next != ' ' && next != ')') {
      return false;
    }
    for (int i = 0; i < from.size(); i++) {
      count();
    }
    pos += n;
    return true;
  }

  // ------------------------------------------------------------------------------- body structure

  private BodyStructure body(boolean extended) throws ProtocolException {
    return body(extended, false);
  }

  /** A body; {@code nested}: a part of a multipart. */
  private BodyStructure body(boolean extended, boolean nested) throws ProtocolException {
    open();
    BodyStructure b;
    if (peek() == '(') {
      b = multipart(extended);
    } else if (isNil() && !strict && remainingElements() <= 6) {
      dev(Quirk.NIL_MULTIPART);
      pos += 3;
      sp();
      String subtype = stringOrNil("media subtype");
      List<BodyStructure.Param> params = List.of();
      BodyStructure.Disposition disp = null;
      List<String> lang = List.of();
      String loc = null;
      if (spBefore()) {
        params = params();
        if (spBefore()) {
          disp = disposition();
          if (spBefore()) {
            lang = language();
            if (spBefore()) {
              loc = nstring();
            }
          }
        }
      }
      b = new BodyStructure.MultiPart(List.of(), subtype, params, disp, lang, loc, extensions());
    } else if (!strict && peek() == '"' && (secondIsListOrNil() ? remainingElements() <= 5 : nested && !extended && aloneInList())) {
      // Gmail: ("ALTERNATIVE" ("BOUNDARY" "b") NIL NIL), a nested multipart without its parts;
      // in BODY (no extension data) just ("ALTERNATIVE")
      dev(Quirk.MULTIPART_WITHOUT_PARTS);
      String subtype = string();
      List<BodyStructure.Param> params = List.of();
      BodyStructure.Disposition disp = null;
      List<String> lang = List.of();
      String loc = null;
      if (spBefore()) {
        params = params();
        if (spBefore()) {
          disp = disposition();
          if (spBefore()) {
            lang = language();
            if (spBefore()) {
              loc = nstring();
            }
          }
        }
      }
      b = new BodyStructure.MultiPart(List.of(), subtype, params, disp, lang, loc, List.of());
    } else {
      b = singlePart(extended);
    }
    close();
    return b;
  }

  /** The number of values from pos to the closing parenthesis of the current list (pos and depth restored). */
  private int remainingElements() throws ProtocolException {
    int save = pos;
    int saveDepth = depth;
    int saveItems = items;
    int saveDevs = devCount;
    int savePending = pending.size();
    int n = 0;
    try {
      while (pos < end && peek() != ')') {
        skipValue();
        n++;
        while (peek() == ' ') {
          pos++;
        }
      }
    } finally {
      pos = save;
      depth = saveDepth;
      items = saveItems;
      devCount = saveDevs;
      if (pending.size() > savePending) {
        pending.subList(savePending, pending.size()).clear(); // seen again when the values are read
      }
    }
    return n;
  }

  /** Whether the quoted string at pos is the last value of its list (pos restored). */
  private boolean aloneInList() throws ProtocolException {
    int save = pos;
    try {
      skipQuoted();
      return peek() == ')';
    } finally {
      pos = save;
    }
  }

  /** Whether the value after the string at pos is a list or NIL (pos restored). */
  private boolean secondIsListOrNil() throws ProtocolException {
    int save = pos;
    try {
      skipQuoted();
      if (peek() != ' ') {
        return false;
      }
      pos++;
      return peek() == '(' || isNil();
    } finally {
      pos = save;
    }
  }

  private boolean spBefore() throws ProtocolException {
    if (peek() == ')') {
      return false;
    }
    sp();
    return true;
  }

  private BodyStructure multipart(boolean extended) throws ProtocolException {
    int mark = top;
    while (peek() == '(') {
      count();
      push(body(extended, true));
      if (peek() == ' ') {
        // Domino and others put a space between parts
        if (pos + 1 < end && a[pos + 1] == '(') {
          dev(Quirk.EXTRA_SPACE);
          pos++;
        }
      }
    }
    List<BodyStructure> parts = listFrom(mark);
    sp();
    String subtype = string();
    List<BodyStructure.Param> params = List.of();
    BodyStructure.Disposition disp = null;
    List<String> lang = List.of();
    String loc = null;
    List<Object> ext = List.of();
    if (spBefore()) {
      params = params();
      if (spBefore()) {
        disp = disposition();
        if (spBefore()) {
          lang = language();
          if (spBefore()) {
            loc = nstring();
            ext = extensions();
          }
        }
      }
    }
    return new BodyStructure.MultiPart(parts, subtype, params, disp, lang, loc, ext);
  }

  private BodyStructure singlePart(boolean extended) throws ProtocolException {
    String type = stringOrNil("media type");
    sp();
    String subtype = stringOrNil("media subtype");
    sp();
    List<BodyStructure.Param> params = params();
    sp();
    String id = nstring();
    sp();
    String desc = nstring();
    sp();
    String enc = stringOrNil("body encoding");
    sp();
    long size = bodyNumber();
    long lines = -1;
    Envelope env = null;
    BodyStructure inner = null;
    boolean isText = type != null && type.equalsIgnoreCase("TEXT");
    boolean isMessage =
        type != null
            && type.equalsIgnoreCase("MESSAGE")
            && subtype != null
            && (subtype.equalsIgnoreCase("RFC822") || subtype.equalsIgnoreCase("GLOBAL"));
    if (isMessage) {
      // SP envelope SP body SP lines
      if (peek() == ' ' && pos + 1 < end && (a[pos + 1] == '(' || wordAt(pos + 1, "NIL"))) {
        pos++;
        if (isNil()) {
          dev(Quirk.MESSAGE_WITHOUT_ENVELOPE);
          pos += 3;
        } else {
          env = envelope();
        }
        sp();
        if (isNil()) {
          dev(Quirk.MESSAGE_WITHOUT_ENVELOPE);
          pos += 3;
        } else if (peek() == '(' && pos + 1 < end && a[pos + 1] == ')') {
          dev(Quirk.MESSAGE_WITHOUT_ENVELOPE);
          pos += 2;
        } else {
          inner = body(extended);
        }
        lines = optLines();
      } else {
        dev(Quirk.MESSAGE_WITHOUT_ENVELOPE);
      }
    } else if (isText) {
      lines = optLines();
    }
    String md5 = null;
    BodyStructure.Disposition disp = null;
    List<String> lang = List.of();
    String loc = null;
    List<Object> ext = List.of();
    if (spBefore()) {
      md5 = nstring();
      if (spBefore()) {
        disp = disposition();
        if (spBefore()) {
          lang = language();
          if (spBefore()) {
            loc = nstring();
            ext = extensions();
          }
        }
      }
    }
    return new BodyStructure.SinglePart(
        type, subtype, params, id, desc, enc, size, lines, env, inner, md5, disp, lang, loc, ext);
  }

  private long optLines() throws ProtocolException {
    if (peek() == ' ' && pos + 1 < end && Ascii2.isDigit(a[pos + 1])) {
      pos++;
      return number();
    }
    dev(Quirk.MISSING_BODY_LINES);
    return -1;
  }

  private long bodyNumber() throws ProtocolException {
    if (peek() == '"') {
      dev(Quirk.QUOTED_NUMBER);
      String s = string();
      long v = Ascii2.parseLong(s);
      if (v < 0) {
        throw err("expected a number");
      }
      return v;
    }
    if (isNil()) {
      dev(Quirk.NIL_AS_EMPTY);
      pos += 3;
      return -1;
    }
    return number();
  }

  private String stringOrNil(String what) throws ProtocolException {
    if (isNil()) {
      dev(Quirk.NIL_AS_EMPTY);
      pos += 3;
      return null;
    }
    return string();
  }

  private List<BodyStructure.Param> params() throws ProtocolException {
    if (isNil()) {
      pos += 3;
      return List.of();
    }
    open();
    if (peek() == ')') {
      dev(Quirk.EMPTY_LIST);
      close();
      return List.of();
    }
    int mark = top;
    while (true) {
      String k = string();
      sp();
      String v = stringLenientNil();
      count();
      push(k);
      push(v);
      if (peek() == ')') {
        break;
      }
      sp();
    }
    close();
    if (top - mark == 2 && !lastParams.isEmpty()) {
      BodyStructure.Param p = lastParams.get(0);
      if (p.name() == stack[mark] && p.value() == stack[mark + 1]) {
        stack[mark] = stack[mark + 1] = null;
        top = mark;
        return lastParams;
      }
    }
    for (int i = mark; i < top; i += 2) {
      stack[mark + (i - mark) / 2] = new BodyStructure.Param((String) stack[i], (String) stack[i + 1]);
    }
    int pairs = (top - mark) / 2;
    Arrays.fill(stack, mark + pairs, top, null);
    top = mark + pairs;
    List<BodyStructure.Param> l = listFrom(mark);
    if (pairs == 1) {
      lastParams = l;
    }
    return l;
  }

  private String stringLenientNil() throws ProtocolException {
    if (isNil()) {
      dev(Quirk.NIL_AS_EMPTY);
      pos += 3;
      return null;
    }
    return string();
  }

  private BodyStructure.Disposition disposition() throws ProtocolException {
    if (isNil()) {
      pos += 3;
      return null;
    }
    if (peek() != '(') {
      dev(Quirk.DISPOSITION_AS_STRING);
      return new BodyStructure.Disposition(string(), List.of());
    }
    open();
    String type = string();
    sp();
    List<BodyStructure.Param> p = params();
    close();
    return new BodyStructure.Disposition(type, p);
  }

  private List<String> language() throws ProtocolException {
    if (isNil()) {
      pos += 3;
      return List.of();
    }
    if (peek() != '(') {
      return List.of(string());
    }
    open();
    List<String> out = new ArrayList<>(2);
    while (true) {
      count();
      out.add(string());
      if (peek() == ')') {
        break;
      }
      sp();
    }
    close();
    return Collections.unmodifiableList(out);
  }

  private List<Object> extensions() throws ProtocolException {
    if (peek() != ' ') {
      return List.of();
    }
    List<Object> out = new ArrayList<>();
    while (peek() == ' ') {
      pos++;
      count();
      out.add(extension());
    }
    return Collections.unmodifiableList(out);
  }

  private Object extension() throws ProtocolException {
    byte c = peek();
    if (c == '(') {
      open();
      List<Object> l = new ArrayList<>();
      while (true) {
        count();
        l.add(extension());
        if (peek() == ')') {
          break;
        }
        sp();
      }
      close();
      return Collections.unmodifiableList(l);
    }
    if (Ascii2.isDigit(c)) {
      return number();
    }
    return nstring();
  }

  // ------------------------------------------------------------------------------- primitives

  private void push(Object o) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = o;
  }

  /**
   * The immutable list of the elements pushed since {@code mark} (none null), which are popped: an
   * exactly sized list, without the growth and wrapper of an ArrayList.
   */
  @SuppressWarnings("unchecked")
  private <T> List<T> listFrom(int mark) {
    Object[] k = stack;
    int m = mark;
    List<Object> l =
        switch (top - mark) {
          case 0 -> List.of();
          case 1 -> List.of(k[m]);
          case 2 -> List.of(k[m], k[m + 1]);
          case 3 -> List.of(k[m], k[m + 1], k[m + 2]);
          case 4 -> List.of(k[m], k[m + 1], k[m + 2], k[m + 3]);
          case 5 -> List.of(k[m], k[m + 1], k[m + 2], k[m + 3], k[m + 4]);
          case 6 -> List.of(k[m], k[m + 1], k[m + 2], k[m + 3], k[m + 4], k[m + 5]);
          case 7 -> List.of(k[m], k[m + 1], k[m + 2], k[m + 3], k[m + 4], k[m + 5], k[m + 6]);
          case 8 -> List.of(k[m], k[m + 1], k[m + 2], k[m + 3], k[m + 4], k[m + 5], k[m + 6], k[m + 7]);
          default -> List.of(Arrays.copyOfRange(k, m, top));
        };
    Arrays.fill(k, mark, top, null);
    top = mark;
    return (List<T>) l;
  }

  private byte peek() {
    return pos < end ? a[pos] : 0;
  }

  private boolean isNil() {
    return wordAt(pos, "NIL");
  }

  /** Whether the case-insensitive word {@code w} starts at {@code i} and is not followed by an atom char. */
  private boolean wordAt(int i, String w) {
    int n = w.length();
    if (i + n > end) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if ((a[i + k] & 0xDF) != w.charAt(k)) {
        return false;
      }
    }
    return i + n == end || !Ascii2.isAtomChar(a[i + n]);
  }

  private boolean eq(int s, int n, String upper) {
    for (int k = 0; k < n; k++) {
      byte b = a[s + k];
      if (b >= 'a' && b <= 'z') {
        b -= 32;
      }
      if (b != upper.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private String upper(int s, int e) {
    char[] c = new char[e - s];
    for (int i = s; i < e; i++) {
      byte b = a[i];
      c[i - s] = (char) ((b >= 'a' && b <= 'z') ? b - 32 : b & 0xff);
    }
    return new String(c);
  }

  private void expectWord(String w) throws ProtocolException {
    if (!wordAt(pos, w)) {
      throw err("expected " + w);
    }
    pos += w.length();
  }

  private int indexOf(int from, byte b) {
    for (int i = from; i < end; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private int atomEnd() {
    int i = pos;
    while (i < end && Ascii2.isAtomChar(a[i])) {
      i++;
    }
    return i;
  }

  private String atom() throws ProtocolException {
    int s = pos;
    int e = atomEnd();
    if (e == s) {
      throw err("expected an atom");
    }
    pos = e;
    return strings.string(a, s, e - s);
  }

  private void expect(char c) throws ProtocolException {
    if (peek() != c) {
      throw err("expected '" + c + "'");
    }
    pos++;
  }

  private void sp() throws ProtocolException {
    if (peek() != ' ') {
      throw err("expected SP");
    }
    pos++;
    if (peek() == ' ') {
      dev(Quirk.EXTRA_SPACE);
      while (peek() == ' ') {
        pos++;
      }
    }
  }

  private void open() throws ProtocolException {
    if (peek() != '(') {
      throw err("expected '('");
    }
    if (++depth > limits.maxDepth()) {
      throw new LimitExceededException("maxDepth", limits.maxDepth(), offset(pos), a, pos, Math.min(end, pos + 32));
    }
    pos++;
  }

  private void close() throws ProtocolException {
    if (peek() == ' ') {
      dev(Quirk.EXTRA_SPACE);
      while (peek() == ' ') {
        pos++;
      }
    }
    if (peek() != ')') {
      throw err("expected ')'");
    }
    depth--;
    pos++;
  }

  private void count() throws ProtocolException {
    if (++items > limits.maxItems()) {
      throw new LimitExceededException("maxItems", limits.maxItems(), offset(pos), a, pos, Math.min(end, pos + 32));
    }
  }

  private void finish() throws ProtocolException {
    if (pos < end) {
      int i = pos;
      while (i < end && a[i] == ' ') {
        i++;
      }
      if (i == end) {
        dev(Quirk.TRAILING_SPACE);
        pos = end;
      } else {
        throw err("unexpected data at the end of the response");
      }
    }
  }

  private long number() throws ProtocolException {
    int s = pos;
    long v = 0;
    while (pos < end && Ascii2.isDigit(a[pos])) {
      if (pos - s >= 19) {
        throw err("number too large");
      }
      v = v * 10 + (a[pos] - '0');
      pos++;
    }
    if (pos == s) {
      if (peek() == '"' && !strict) {
        dev(Quirk.QUOTED_NUMBER);
        String q = string();
        long r = Ascii2.parseLong(q);
        if (r >= 0) {
          return r;
        }
        pos = s;
      }
      throw err("expected a number");
    }
    return v;
  }

  private SequenceSet sequenceSet() throws ProtocolException {
    int s = pos;
    while (pos < end && (Ascii2.isDigit(a[pos]) || a[pos] == ':' || a[pos] == ',' || a[pos] == '*' || a[pos] == '$')) {
      pos++;
    }
    SequenceSet set = SequenceSet.parse(new String(a, s, pos - s, StandardCharsets.ISO_8859_1));
    if (set == null) {
      pos = s;
      throw err("expected a sequence set");
    }
    return set;
  }

  /** A parenthesized flag list; {@code wildcard}: whether {@code \*} is allowed (PERMANENTFLAGS, and LIST attributes). */
  private List<String> flagList(boolean wildcard) throws ProtocolException {
    open();
    if (peek() == ')') {
      close();
      return List.of();
    }
    int mark = top;
    while (true) {
      int s = pos;
      if (peek() == '\\') {
        pos++;
      }
      while (pos < end && isFlagChar(a[pos])) {
        pos++;
      }
      if (pos == s) {
        throw err("expected a flag");
      }
      if (!wildcard && pos - s == 2 && a[s] == '\\' && a[s + 1] == '*') {
        int save = pos;
        pos = s;
        dev(Quirk.WILDCARD_FLAG); // Zoho: "* FLAGS (... \*)"
        pos = save;
      }
      count();
      push(strings.string(a, s, pos - s));
      if (peek() == ')') {
        break;
      }
      sp();
      if (peek() == ')') {
        dev(Quirk.EXTRA_SPACE);
        break;
      }
    }
    close();
    return listFrom(mark);
  }

  /** A FETCH FLAGS item; the previous one is reused when it holds the same flag strings. */
  private FetchItem.Flags flagsItem() throws ProtocolException {
    List<String> f = flagList(false);
    List<String> last = lastFlags.flags();
    if (f.size() == last.size()) {
      int i = 0;
      while (i < f.size() && f.get(i) == last.get(i)) {
        i++;
      }
      if (i == f.size()) {
        return lastFlags;
      }
    }
    lastFlags = new FetchItem.Flags(f);
    return lastFlags;
  }

  private static boolean isFlagChar(byte b) {
    return Ascii2.isAtomChar(b) || b == '*' || b == ']' || (b & 0x80) != 0;
  }

  /** nstring: NIL or string; lenient also an atom. */
  private String nstring() throws ProtocolException {
    if (isNil()) {
      pos += 3;
      return null;
    }
    return string();
  }

  /** astring: atom (ASTRING-CHAR incl. ']') or string. */
  private String astring() throws ProtocolException {
    byte c = peek();
    if (c == '"' || c == '{' || (c == '~' && pos + 1 < end && a[pos + 1] == '{')) {
      return string();
    }
    int s = pos;
    while (pos < end && (Ascii2.isAstringChar(a[pos]) || (a[pos] & 0x80) != 0)) {
      pos++;
    }
    if (pos == s) {
      throw err("expected an astring");
    }
    return strings.string(a, s, pos - s);
  }

  private String mailbox() throws ProtocolException {
    return mailbox(true);
  }

  /** A mailbox name, decoded from modified UTF-7; {@code inbox}: any case of INBOX becomes "INBOX". */
  private String mailbox(boolean inbox) throws ProtocolException {
    int s = pos;
    String raw = astring();
    if (inbox && raw.length() == 5 && raw.equalsIgnoreCase("INBOX")) {
      return "INBOX";
    }
    String d = ModifiedUtf7.decode(raw);
    if (d != null) {
      return d;
    }
    if (!utf8Accepted) {
      int save = pos;
      pos = s;
      dev(Quirk.RAW_UTF8_MAILBOX);
      pos = save;
    }
    return raw;
  }

  private String string() throws ProtocolException {
    byte c = peek();
    if (c == '"') {
      int s = pos + 1;
      int i = s;
      boolean escaped = false;
      while (i < end) {
        byte b = a[i];
        if (b == '"') {
          break;
        }
        if (b == '\\') {
          escaped = true;
          i++;
        }
        i++;
      }
      if (i >= end) {
        throw err("unterminated quoted string");
      }
      if (!strict && !endsValue(i + 1)) {
        int j = closingQuote(i + 1);
        if (j >= 0) {
          // iCloud: "<"local"@host>" with the quotes of the value not escaped
          int save = pos;
          pos = i;
          dev(Quirk.UNESCAPED_QUOTE);
          pos = save;
          return unescapeRaw(s, j);
        }
      }
      if (!escaped) {
        pos = i + 1;
        return strings.string(a, s, i - s);
      }
      byte[] d = quotedBytes();
      return new String(d, StandardCharsets.UTF_8);
    }
    if (c == '{' || (c == '~' && pos + 1 < end && a[pos + 1] == '{')) {
      int brace = c == '~' ? pos + 1 : pos;
      if (streamedAt(brace) >= 0) {
        throw err("a streamed body literal where a string is expected");
      }
      long n = literalHeader();
      String v = new String(a, pos, (int) n, StandardCharsets.UTF_8);
      pos += (int) n;
      return v;
    }
    if (!strict && Ascii2.isAtomChar(c)) {
      int s = pos;
      int e = atomEnd();
      dev(Quirk.ATOM_AS_STRING);
      pos = e;
      return strings.string(a, s, e - s);
    }
    throw err("expected a string");
  }

  /** Whether a value may end before index {@code i}: SP, ')', ']' or the end of the line follows. */
  private boolean endsValue(int i) {
    return i >= end || a[i] == ' ' || a[i] == ')' || a[i] == ']';
  }

  /** The next '"' at or after {@code from} (escapes skipped) that a value may end at; -1 if none. */
  private int closingQuote(int from) {
    int i = from;
    while (i < end) {
      if (a[i] == '\\') {
        i += 2;
        continue;
      }
      if (a[i] == '"' && endsValue(i + 1)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** The content {@code a[s, e)} of a quoted string with backslash escapes removed and bare quotes kept; pos after the closing quote. */
  private String unescapeRaw(int s, int e) {
    byte[] out = new byte[e - s];
    int n = 0;
    for (int i = s; i < e; i++) {
      if (a[i] == '\\' && i + 1 < e) {
        i++;
      }
      out[n++] = a[i];
    }
    pos = e + 1;
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private byte[] quotedBytes() throws ProtocolException {
    expect('"');
    byte[] out = new byte[16];
    int n = 0;
    while (true) {
      if (pos >= end) {
        throw err("unterminated quoted string");
      }
      byte b = a[pos++];
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        if (pos >= end) {
          throw err("unterminated quoted string");
        }
        b = a[pos++];
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = b;
    }
    return Arrays.copyOf(out, n);
  }

  private void skipQuoted() throws ProtocolException {
    pos = Ascii2.quoteEnd(a, pos + 1, end);
    if (pos >= end) {
      pos = end;
      throw err("unterminated quoted string");
    }
    pos++;
  }

  /**
   * Reads {@code [~]{n[+]}CRLF} and returns n; leaves pos at the literal data (or, for a streamed
   * literal, just after the header).
   */
  private long literalHeader() throws ProtocolException {
    if (peek() == '~') {
      pos++;
    }
    expect('{');
    long n = 0;
    int s = pos;
    while (pos < end && Ascii2.isDigit(a[pos])) {
      n = n * 10 + (a[pos] - '0');
      if (pos - s > 18) {
        throw err("literal size too large");
      }
      pos++;
    }
    if (pos == s) {
      throw err("expected a literal size");
    }
    if (peek() == '+') {
      pos++;
    }
    expect('}');
    if (pos < a.length && a[pos] == '\r') {
      pos++;
    }
    if (pos >= a.length || a[pos] != '\n') {
      throw err("expected CRLF after a literal size");
    }
    pos++;
    return n;
  }

  /** Skips one value: number, atom, string, NIL, or a balanced list. */
  private void skipValue() throws ProtocolException {
    byte c = peek();
    if (c == '(') {
      open();
      while (peek() != ')') {
        if (pos >= end) {
          throw err("unterminated list");
        }
        skipValue();
        if (peek() == ' ') {
          pos++;
        }
      }
      close();
      return;
    }
    if (c == '"' || c == '{' || c == '~') {
      string();
      return;
    }
    int s = pos;
    while (pos < end && a[pos] != ' ' && a[pos] != ')' && a[pos] != '(') {
      if (a[pos] == '[') {
        while (pos < end && a[pos] != ']') {
          pos++;
        }
      }
      pos++;
    }
    if (pos == s) {
      throw err("expected a value");
    }
  }

  private int streamedAt(int brace) {
    for (int k = 0; k < streamedCount; k++) {
      if (streamedPos[k] == brace) {
        return k;
      }
    }
    return -1;
  }

  private long offset(int i) {
    long off = base + (i - start);
    for (int k = 0; k < streamedCount; k++) {
      if (streamedPos[k] < i) {
        off += streamedSize[k];
      }
    }
    return off;
  }

  private void dev(Quirk q) throws ProtocolException {
    if (strict) {
      throw err("not allowed in strict mode: " + q);
    }
    devCount++;
    if (deviations != null) {
      pending.add(new Deviation(q, offset(pos), Ascii2.excerpt(a, pos, Math.min(end, pos + 32))));
    }
  }

  private ProtocolException err(String msg) {
    int from = Math.max(start, pos - 16);
    int to = Math.min(end, pos + 32);
    return new ProtocolException(msg, offset(pos), a, from, Math.max(from, to));
  }

  // ------------------------------------------------------------------------------- framing help

  /**
   * Decides whether the literal whose <code>{</code> is at {@code brace} (on the line segment that
   * starts at {@code segStart}) is the value of a body section item: the bytes before it read
   * {@code BODY[...]<n> }, {@code BINARY[...] }, {@code RFC822 }, {@code RFC822.HEADER } or
   * {@code RFC822.TEXT }. The grammar parse later verifies the guess.
   *
   * @return the section, or {@code null}
   */
  public static BodySection sectionBefore(byte[] a, int segStart, int brace) {
    int i = brace - 1;
    if (i >= segStart && a[i] == '~') {
      i--;
    }
    if (i < segStart || a[i] != ' ') {
      return null;
    }
    i--;
    long origin = -1;
    if (i >= segStart && a[i] == '>') {
      int gt = i;
      i--;
      while (i >= segStart && Ascii2.isDigit(a[i])) {
        i--;
      }
      if (i < segStart || a[i] != '<' || i + 1 == gt) {
        return null;
      }
      origin = Ascii2.parseLong(new String(a, i + 1, gt - i - 1, StandardCharsets.ISO_8859_1));
      i--;
    }
    if (i >= segStart && a[i] == ']') {
      int close = i;
      while (i >= segStart && a[i] != '[') {
        i--;
      }
      if (i < segStart) {
        return null;
      }
      int open = i;
      String sec = new String(a, open + 1, close - open - 1, StandardCharsets.UTF_8);
      int nameEnd = open;
      int s = nameEnd - 1;
      while (s >= segStart && a[s] != ' ' && a[s] != '(') {
        s--;
      }
      if (s < segStart) {
        return null;
      }
      String name = new String(a, s + 1, nameEnd - s - 1, StandardCharsets.ISO_8859_1);
      if (name.equalsIgnoreCase("BODY")) {
        return new BodySection(BodySection.Kind.BODY, sec, origin);
      }
      if (name.equalsIgnoreCase("BINARY")) {
        return new BodySection(BodySection.Kind.BINARY, sec, origin);
      }
      return null;
    }
    if (origin >= 0) {
      return null;
    }
    int nameEnd = i + 1;
    int s = i;
    while (s >= segStart && a[s] != ' ' && a[s] != '(') {
      s--;
    }
    if (s < segStart) {
      return null;
    }
    String name = new String(a, s + 1, nameEnd - s - 1, StandardCharsets.ISO_8859_1);
    if (name.equalsIgnoreCase("RFC822")) {
      return new BodySection(BodySection.Kind.RFC822, "", -1);
    }
    if (name.equalsIgnoreCase("RFC822.HEADER")) {
      return new BodySection(BodySection.Kind.RFC822_HEADER, "", -1);
    }
    if (name.equalsIgnoreCase("RFC822.TEXT")) {
      return new BodySection(BodySection.Kind.RFC822_TEXT, "", -1);
    }
    return null;
  }
}
