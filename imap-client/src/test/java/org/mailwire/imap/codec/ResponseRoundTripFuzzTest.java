package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Properties over generated response values: a value written to the wire by the test-side
 * serializer below and decoded by the strict {@link ImapResponseDecoder} is the same value. Covers
 * sequence sets (VANISHED), flag lists, ENVELOPE with address lists, BODYSTRUCTURE (single parts,
 * message/rfc822, nested multiparts), STATUS items and ESEARCH results; strings are sent as atoms
 * where the grammar allows, quoted strings (with escapes) or literals. Each property also walks the
 * same bytes with {@link ImapTokenReader} and checks it reads them without error. Seeds: {@code
 * ResponseRoundTripFuzzTestInputs/<method>}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ResponseRoundTripFuzzTest {

  private static final String[] WORDS = {
    "", "a", "Alice Example", "x\"y", "back\\slash", "Grüße", "日本語", "line\r\nbreak", "(paren)", "NIL",
    "=?UTF-8?Q?a?=", "{5}", "%*", "tab\there"
  };
  private static final String[] FLAGS = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "$Forwarded", "$MDNSent", "Junk"};

  // ------------------------------------------------------------------------- generators

  static String string(FuzzedDataProvider d) {
    if (d.consumeBoolean()) {
      return d.pickValue(WORDS);
    }
    return d.consumeAsciiString(24).replace("\0", "");
  }

  static String nstring(FuzzedDataProvider d) {
    return d.consumeInt(0, 5) == 0 ? null : string(d);
  }

  static String keyword(FuzzedDataProvider d) {
    StringBuilder sb = new StringBuilder("k");
    for (char c : d.consumeAsciiString(8).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static List<String> flags(FuzzedDataProvider d) {
    int n = d.consumeInt(0, 5);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(d.consumeBoolean() ? d.pickValue(FLAGS) : "$" + keyword(d));
    }
    return out;
  }

  static List<Address> addresses(FuzzedDataProvider d) {
    int n = d.consumeInt(0, 3);
    List<Address> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Address(nstring(d), d.consumeInt(0, 7) == 0 ? string(d) : null, nstring(d), nstring(d)));
    }
    return out;
  }

  static Envelope envelope(FuzzedDataProvider d) {
    List<Address> from = addresses(d);
    List<Address> sender = d.consumeBoolean() ? from : addresses(d);
    List<Address> replyTo = d.consumeBoolean() ? from : addresses(d);
    return new Envelope(nstring(d), nstring(d), from, sender, replyTo, addresses(d), addresses(d), addresses(d), nstring(d), nstring(d));
  }

  static List<BodyStructure.Param> params(FuzzedDataProvider d) {
    int n = d.consumeInt(0, 3);
    List<BodyStructure.Param> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new BodyStructure.Param(d.pickValue(new String[] {"charset", "name", "boundary", "format"}), string(d)));
    }
    return out;
  }

  static BodyStructure.Disposition disposition(FuzzedDataProvider d) {
    return d.consumeBoolean() ? null : new BodyStructure.Disposition(d.pickValue(new String[] {"inline", "attachment"}), params(d));
  }

  static List<String> language(FuzzedDataProvider d) {
    int n = d.consumeInt(0, 2);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(d.pickValue(new String[] {"en", "de", "en-US", "fr"}));
    }
    return out;
  }

  static BodyStructure body(FuzzedDataProvider d, int depth) {
    int kind = depth >= 3 ? d.consumeInt(0, 1) : d.consumeInt(0, 3);
    if (kind == 3) {
      int n = d.consumeInt(1, 3);
      List<BodyStructure> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        parts.add(body(d, depth + 1));
      }
      return new BodyStructure.MultiPart(parts, d.pickValue(new String[] {"mixed", "alternative", "related"}), params(d), disposition(d),
          language(d), nstring(d), List.of());
    }
    String type = kind == 0 ? "text" : kind == 1 ? "application" : "message";
    String subtype = kind == 0 ? "plain" : kind == 1 ? "pdf" : "rfc822";
    Envelope env = kind == 2 ? envelope(d) : null;
    BodyStructure inner = kind == 2 ? body(d, depth + 1) : null;
    long lines = kind == 1 ? -1 : d.consumeLong(0, 1L << 40);
    return new BodyStructure.SinglePart(type, subtype, params(d), nstring(d), nstring(d), d.pickValue(new String[] {"7bit", "base64", "quoted-printable"}),
        d.consumeLong(0, 1L << 40), lines, env, inner, nstring(d), disposition(d), language(d), nstring(d), List.of());
  }

  // ------------------------------------------------------------------------- serializer

  static final class Wire {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();

    Wire raw(String s) {
      o.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Wire nstring(String s) {
      if (s == null) {
        return raw("NIL");
      }
      boolean quotable = true;
      for (char c : s.toCharArray()) {
        if (c < 0x20 || c > 0x7e) {
          quotable = false;
          break;
        }
      }
      if (quotable) {
        return raw("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      raw("{" + b.length + "}\r\n");
      o.writeBytes(b);
      return this;
    }

    Wire addresses(List<Address> l) {
      if (l.isEmpty()) {
        return raw("NIL");
      }
      raw("(");
      for (Address a : l) {
        raw("(").nstring(a.name()).raw(" ").nstring(a.adl()).raw(" ").nstring(a.mailbox()).raw(" ").nstring(a.host()).raw(")");
      }
      return raw(")");
    }

    Wire envelope(Envelope e) {
      raw("(").nstring(e.date()).raw(" ").nstring(e.subject());
      for (List<Address> l : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
        raw(" ").addresses(l);
      }
      return raw(" ").nstring(e.inReplyTo()).raw(" ").nstring(e.messageId()).raw(")");
    }

    Wire params(List<BodyStructure.Param> l) {
      if (l.isEmpty()) {
        return raw("NIL");
      }
      raw("(");
      String sep = "";
      for (BodyStructure.Param p : l) {
        raw(sep).nstring(p.name()).raw(" ").nstring(p.value());
        sep = " ";
      }
      return raw(")");
    }

    Wire ext(BodyStructure.Disposition disp, List<String> lang, String loc) {
      if (disp == null) {
        raw(" NIL");
      } else {
        raw(" (").nstring(disp.type()).raw(" ").params(disp.params()).raw(")");
      }
      if (lang.isEmpty()) {
        raw(" NIL");
      } else {
        raw(" (");
        String sep = "";
        for (String s : lang) {
          raw(sep).nstring(s);
          sep = " ";
        }
        raw(")");
      }
      return raw(" ").nstring(loc);
    }

    Wire body(BodyStructure b) {
      raw("(");
      if (b instanceof BodyStructure.MultiPart m) {
        for (BodyStructure p : m.parts()) {
          body(p);
        }
        raw(" ").nstring(m.subtype()).raw(" ").params(m.params()).ext(m.disposition(), m.language(), m.location());
      } else {
        BodyStructure.SinglePart s = (BodyStructure.SinglePart) b;
        nstring(s.type()).raw(" ").nstring(s.subtype()).raw(" ").params(s.params()).raw(" ").nstring(s.id()).raw(" ")
            .nstring(s.description()).raw(" ").nstring(s.encoding()).raw(" " + s.size());
        if (s.envelope() != null) {
          raw(" ").envelope(s.envelope()).raw(" ").body(s.body());
        }
        if (s.lines() >= 0) {
          raw(" " + s.lines());
        }
        raw(" ").nstring(s.md5()).ext(s.disposition(), s.language(), s.location());
      }
      return raw(")");
    }

    byte[] line() {
      raw("\r\n");
      return o.toByteArray();
    }
  }

  // ------------------------------------------------------------------------- decoding

  static Response parse(byte[] wire) throws ProtocolException {
    ImapResponseDecoder dec = ImapResponseDecoder.builder().expectGreeting(false).strict(true).build();
    InputBuffer in = new InputBuffer(16, wire.length + 64);
    in.write(wire);
    ImapEvent e = dec.decode(in);
    assertThat(e).as(new String(wire, StandardCharsets.UTF_8)).isInstanceOf(Response.class);
    assertThat(dec.decode(in)).isNull();
    assertThat(in.readable()).isZero();
    // the event level reads the same bytes cleanly, one response
    ImapTokenReader r = new ImapTokenReader();
    InputBuffer in2 = new InputBuffer(16, wire.length + 64);
    in2.write(wire);
    int ends = 0;
    ImapTokenReader.Token t;
    while ((t = r.next(in2)) != null) {
      assertThat(t).isNotEqualTo(ImapTokenReader.Token.ERROR);
      if (t == ImapTokenReader.Token.END) {
        ends++;
      }
    }
    assertThat(ends).isEqualTo(1);
    return (Response) e;
  }

  static <T extends FetchItem> T fetchItem(byte[] wire, Class<T> type) throws ProtocolException {
    UntaggedData.Fetch f = (UntaggedData.Fetch) parse(wire);
    assertThat(f.items()).hasSize(1);
    return type.cast(f.items().get(0));
  }

  // ------------------------------------------------------------------------- properties

  @FuzzTest(maxDuration = "2m")
  void flagListsRoundTrip(FuzzedDataProvider d) throws ProtocolException {
    List<String> flags = flags(d);
    String list = "(" + String.join(" ", flags) + ")";
    assertThat(fetchItem(new Wire().raw("* 1 FETCH (FLAGS " + list + ")").line(), FetchItem.Flags.class).flags()).isEqualTo(flags);
    assertThat(((UntaggedData.Flags) parse(new Wire().raw("* FLAGS " + list).line())).flags()).isEqualTo(flags);
  }

  @FuzzTest(maxDuration = "2m")
  void envelopesRoundTrip(FuzzedDataProvider d) throws ProtocolException {
    Envelope e = envelope(d);
    byte[] wire = new Wire().raw("* 3 FETCH (ENVELOPE ").envelope(e).raw(")").line();
    assertThat(fetchItem(wire, FetchItem.EnvelopeItem.class).envelope()).isEqualTo(e);
  }

  @FuzzTest(maxDuration = "2m")
  void bodyStructuresRoundTrip(FuzzedDataProvider d) throws ProtocolException {
    BodyStructure b = body(d, 0);
    byte[] wire = new Wire().raw("* 4 FETCH (BODYSTRUCTURE ").body(b).raw(")").line();
    FetchItem.Structure s = fetchItem(wire, FetchItem.Structure.class);
    assertThat(s.extended()).isTrue();
    assertThat(s.structure()).isEqualTo(b);
  }

  @FuzzTest(maxDuration = "2m")
  void sequenceSetsRoundTrip(FuzzedDataProvider d) throws ProtocolException {
    int n = d.consumeInt(1, 30);
    long[] pairs = new long[2 * n];
    for (int i = 0; i < n; i++) {
      long lo = d.consumeLong(1, SequenceSet.MAX_NUMBER);
      pairs[2 * i] = lo;
      pairs[2 * i + 1] = d.consumeBoolean() ? lo : d.consumeBoolean() ? SequenceSet.STAR : d.consumeLong(lo, SequenceSet.MAX_NUMBER);
    }
    SequenceSet set = SequenceSet.ofRanges(pairs);
    assertThat(((UntaggedData.Vanished) parse(new Wire().raw("* VANISHED (EARLIER) " + set).line())).uids()).isEqualTo(set);
    UntaggedData.ESearch es = (UntaggedData.ESearch) parse(new Wire().raw("* ESEARCH UID ALL " + set).line());
    assertThat(es.all()).isEqualTo(set);
  }

  @FuzzTest(maxDuration = "2m")
  void statusItemsRoundTrip(FuzzedDataProvider d) throws ProtocolException {
    String mailbox = "box" + keyword(d);
    long[] v = new long[9];
    StringBuilder sb = new StringBuilder();
    String[] names = {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "HIGHESTMODSEQ", "APPENDLIMIT", "RECENT"};
    for (int i = 0; i < names.length; i++) {
      v[i] = -1;
      if (d.consumeBoolean()) {
        if (names[i].equals("APPENDLIMIT") && d.consumeBoolean()) {
          v[i] = -2;
          sb.append(sb.length() == 0 ? "" : " ").append(names[i]).append(" NIL");
          continue;
        }
        v[i] = d.consumeLong(0, i == 5 || i == 6 ? Long.MAX_VALUE / 16 : SequenceSet.MAX_NUMBER);
        sb.append(sb.length() == 0 ? "" : " ").append(names[i]).append(' ').append(v[i]);
      }
    }
    String id = d.consumeBoolean() ? "F" + keyword(d).replace(".", "") : null;
    if (id != null) {
      sb.append(sb.length() == 0 ? "" : " ").append("MAILBOXID (").append(id).append(')');
    }
    UntaggedData.MailboxStatus want =
        new UntaggedData.MailboxStatus(mailbox, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], id, List.of());
    assertThat(parse(new Wire().raw("* STATUS " + mailbox + " (" + sb + ")").line())).isEqualTo(want);
  }

  @FuzzTest(maxDuration = "2m")
  void esearchResultsRoundTrip(FuzzedDataProvider d) throws ProtocolException {
    String tag = d.consumeBoolean() ? null : string(d);
    boolean uid = d.consumeBoolean();
    long min = d.consumeBoolean() ? d.consumeLong(1, SequenceSet.MAX_NUMBER) : -1;
    long max = d.consumeBoolean() ? d.consumeLong(1, SequenceSet.MAX_NUMBER) : -1;
    long count = d.consumeBoolean() ? d.consumeLong(0, SequenceSet.MAX_NUMBER) : -1;
    SequenceSet all = d.consumeBoolean() ? SequenceSet.of(d.consumeLong(1, 1000), d.consumeLong(1, 1000), d.consumeLong(1, SequenceSet.MAX_NUMBER)) : null;
    long modSeq = d.consumeBoolean() ? d.consumeLong(1, Long.MAX_VALUE / 16) : -1;
    Wire w = new Wire().raw("* ESEARCH");
    if (tag != null) {
      w.raw(" (TAG ").nstring(tag).raw(")");
    }
    if (uid) {
      w.raw(" UID");
    }
    if (min >= 0) {
      w.raw(" MIN " + min);
    }
    if (max >= 0) {
      w.raw(" MAX " + max);
    }
    if (count >= 0) {
      w.raw(" COUNT " + count);
    }
    if (all != null) {
      w.raw(" ALL " + all);
    }
    if (modSeq >= 0) {
      w.raw(" MODSEQ " + modSeq);
    }
    assertThat(parse(w.line())).isEqualTo(new UntaggedData.ESearch(tag, uid, min, max, count, all, modSeq, List.of()));
  }
}
