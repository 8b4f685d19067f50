package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.Transport;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.Rig;

/**
 * A realistic session against the rig's Dovecot over implicit TLS, with raw commands from the
 * encoder and every response parsed by the decoder (no ResponseError, no tolerated deviation).
 * Messages are delivered through the rig's Postfix with a minimal raw SMTP exchange; every test
 * uses unique Message-IDs, so the tests are independent and re-runnable on the same rig.
 */
class DovecotSessionIT {
  private final Rig rig = Rig.get();
  private final List<Deviation> deviations = new ArrayList<>();
  private Conn conn;

  @AfterEach
  void close() {
    if (conn != null) {
      conn.t.close();
    }
  }

  /** One IMAP connection driven by the codec. */
  final class Conn {
    final Transport t;
    final InputBuffer in = new InputBuffer(16384, 2 << 20);
    final ImapResponseDecoder dec;
    final ImapCommandEncoder enc = new ImapCommandEncoder("T");
    long bodyBytes;
    ByteArrayOutputStream body;
    int maxChunk;
    final List<ImapEvent> all = new ArrayList<>();

    Conn() throws IOException {
      t = SocketTransport.connect(rig.endpoint("imaps", Security.IMPLICIT_TLS).readTimeout(Duration.ofSeconds(20)).build());
      dec = ImapResponseDecoder.builder()
          .limits(ImapLimits.DEFAULTS.withMaxResponseSize(1 << 20).withMaxLiteralSize(1 << 20))
          .deviationListener(deviations::add).build();
      ImapEvent g = next();
      assertThat(g).isInstanceOf(Response.Greeting.class);
      assertThat(((Response.Greeting) g).status()).isEqualTo(Status.OK);
    }

    ImapEvent next() throws IOException {
      while (true) {
        ImapEvent e = dec.decode(in);
        if (e != null) {
          assertThat(e).as("no malformed response").isNotInstanceOf(ImapEvent.ResponseError.class);
          if (e instanceof ImapEvent.BodyBytes b) {
            bodyBytes += b.length();
            maxChunk = Math.max(maxChunk, b.length());
            if (body != null) {
              body.write(b.array(), b.offset(), b.length());
            }
          } else {
            all.add(e);
          }
          return e;
        }
        if (in.readFrom(t) < 0) {
          throw new IOException("server closed");
        }
      }
    }

    /** Sends the command (waiting for + where the encoder says so) and returns every event up to its tagged completion. */
    List<ImapEvent> run(EncodedCommand c) throws IOException {
      List<ImapEvent> out = new ArrayList<>();
      for (EncodedCommand.Part p : c.parts()) {
        EncodedCommand.Bytes b = (EncodedCommand.Bytes) p;
        t.write(b.data());
        if (b.awaitContinuation()) {
          t.flush();
          ImapEvent e;
          while (!((e = next()) instanceof Response.Continuation)) {
            out.add(e);
          }
        }
      }
      t.flush();
      while (true) {
        ImapEvent e = next();
        if (!(e instanceof ImapEvent.BodyBytes)) {
          out.add(e);
        }
        if (e instanceof Response.Tagged tg && tg.tag().equals(c.tag())) {
          assertThat(tg.status()).as(tg.toString()).isEqualTo(Status.OK);
          return out;
        }
      }
    }

    void login() throws IOException {
      run(enc.login(rig.user(1), rig.password(1)));
    }
  }

  static <T> List<T> of(List<ImapEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  // -------------------------------------------------------------------------------- SMTP

  void sendMail(String message) throws IOException {
    byte[] bytes = (message.endsWith("\r\n") ? message : message + "\r\n").getBytes(StandardCharsets.UTF_8);
    rig.deliver("tester@mailwire.test", rig.address(1), bytes);
  }

  static String multipartMessage(String id, String subject, boolean mixed) {
    String alt =
        "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain text " + id + "\r\n"
            + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html " + id + "</p>\r\n--alt--\r\n";
    String head = "From: Tester <tester@mailwire.test>\r\nTo: alice@localhost\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + id + "@mailwire.test>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";
    if (!mixed) {
      return head + "Content-Type: multipart/alternative; boundary=alt\r\n\r\n" + alt;
    }
    return head + "Content-Type: multipart/mixed; boundary=mix\r\n\r\n--mix\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
        + alt + "--mix\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSPj4Kc3RyZWFtCg==\r\n--mix--\r\n";
  }

  /** Polls (UID SEARCH HEADER Message-ID) until the message is in INBOX; returns its UID. */
  long awaitUid(String id) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<ImapEvent> r = conn.run(conn.enc.search(true, null, null, SearchKey.header("Message-ID", id + "@mailwire.test")));
      long[] n = of(r, UntaggedData.Search.class).get(0).numbers();
      if (n.length > 0) {
        return n[0];
      }
      Thread.sleep(200);
    }
    throw new AssertionError("message " + id + " never arrived");
  }

  // -------------------------------------------------------------------------------- tests

  @Test
  void realisticSession() throws Exception {
    String id1 = "alt-" + UUID.randomUUID();
    String id2 = "mix-" + UUID.randomUUID();
    sendMail(multipartMessage(id1, "Re: thread " + id1, false));
    sendMail(multipartMessage(id2, "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= " + id2, true));
    conn = new Conn();
    List<ImapEvent> caps = conn.run(conn.enc.capability());
    assertThat(of(caps, UntaggedData.Capability.class).get(0).has("IMAP4rev1")).isTrue();
    conn.login();
    List<ImapEvent> en = conn.run(conn.enc.enable("CONDSTORE", "QRESYNC"));
    assertThat(of(en, UntaggedData.Enabled.class).get(0).capabilities()).contains("CONDSTORE", "QRESYNC");

    List<ImapEvent> list = conn.run(conn.enc.list(List.of(), "", List.of("*"), List.of("SPECIAL-USE", "SUBSCRIBED"), List.of("MESSAGES", "UIDNEXT")));
    List<UntaggedData.MailboxList> boxes = of(list, UntaggedData.MailboxList.class);
    assertThat(boxes).extracting(UntaggedData.MailboxList::mailbox).contains("INBOX");
    assertThat(boxes.stream().anyMatch(b -> b.has("\\Sent") || b.has("\\Trash") || b.has("\\Drafts") || b.has("\\Junk"))).isTrue();
    assertThat(of(list, UntaggedData.MailboxStatus.class)).isNotEmpty();

    List<ImapEvent> ns = conn.run(conn.enc.namespace());
    assertThat(of(ns, UntaggedData.Namespace.class).get(0).personal()).isNotEmpty();
    List<ImapEvent> st = conn.run(conn.enc.status("INBOX", List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ", "SIZE")));
    UntaggedData.MailboxStatus status = of(st, UntaggedData.MailboxStatus.class).get(0);
    assertThat(status.uidValidity()).isPositive();
    assertThat(status.highestModSeq()).isPositive();

    List<ImapEvent> sel = conn.run(conn.enc.select("INBOX", ImapCommandEncoder.SelectParams.CONDSTORE));
    assertThat(of(sel, UntaggedData.Exists.class)).isNotEmpty();
    assertThat(of(sel, UntaggedData.Flags.class)).isNotEmpty();
    conn.run(conn.enc.unselect());
    List<ImapEvent> qr = conn.run(conn.enc.select("INBOX", ImapCommandEncoder.SelectParams.qresync(status.uidValidity(), 1, null)));
    assertThat(of(qr, Response.UntaggedStatus.class)).anyMatch(s -> s.code() instanceof ResponseCode.HighestModSeq);

    long uid1 = awaitUid(id1);
    long uid2 = awaitUid(id2);
    List<ImapEvent> f = conn.run(conn.enc.fetch(true, SequenceSet.of(uid1, uid2),
        List.of("UID", "FLAGS", "RFC822.SIZE", "INTERNALDATE", "ENVELOPE", "BODYSTRUCTURE", "MODSEQ", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]"), -1, false));
    List<UntaggedData.Fetch> fetches = of(f, UntaggedData.Fetch.class);
    assertThat(fetches).hasSize(2);
    for (UntaggedData.Fetch fe : fetches) {
      Envelope env = fe.item(FetchItem.EnvelopeItem.class).envelope();
      BodyStructure bs = fe.item(FetchItem.Structure.class).structure();
      assertThat(fe.item(FetchItem.ModSeq.class).modSeq()).isPositive();
      assertThat(fe.item(FetchItem.InternalDate.class).date()).isNotNull();
      assertThat(env.from().get(0).email()).isEqualTo("tester@mailwire.test");
      assertThat(bs).isInstanceOf(BodyStructure.MultiPart.class);
      BodyStructure.MultiPart mp = (BodyStructure.MultiPart) bs;
      if (fe.uid() == uid1) {
        assertThat(env.messageId()).isEqualTo("<" + id1 + "@mailwire.test>");
        assertThat(mp.subtype()).isEqualToIgnoringCase("alternative");
        assertThat(mp.parts()).hasSize(2);
        assertThat(((BodyStructure.SinglePart) mp.parts().get(1)).subtype()).isEqualToIgnoringCase("html");
      } else {
        assertThat(env.subject()).isEqualTo("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= " + id2);
        assertThat(mp.subtype()).isEqualToIgnoringCase("mixed");
        assertThat(mp.parts().get(0)).isInstanceOf(BodyStructure.MultiPart.class);
        BodyStructure.SinglePart pdf = (BodyStructure.SinglePart) mp.parts().get(1);
        assertThat(pdf.disposition().type()).isEqualToIgnoringCase("attachment");
        assertThat(pdf.disposition().params()).contains(new BodyStructure.Param("filename", "a.pdf"));
        assertThat(pdf.encoding()).isEqualToIgnoringCase("base64");
      }
    }
    // the header section arrived as body events
    assertThat(of(f, ImapEvent.BodyBegin.class)).hasSize(2);

    List<ImapEvent> es = conn.run(conn.enc.search(true, List.of("MIN", "MAX", "COUNT", "ALL"), null,
        SearchKey.uid(SequenceSet.of(uid1, uid2))));
    UntaggedData.ESearch e = of(es, UntaggedData.ESearch.class).get(0);
    assertThat(e.uid()).isTrue();
    assertThat(e.count()).isEqualTo(2);
    assertThat(e.min()).isEqualTo(Math.min(uid1, uid2));
    assertThat(e.all().contains(uid1) && e.all().contains(uid2)).isTrue();

    // base subjects: "Grüße mix-..." sorts before "thread alt-..."
    List<ImapEvent> so = conn.run(conn.enc.sort(true, List.of("SUBJECT"), "UTF-8", SearchKey.uid(SequenceSet.of(uid1, uid2))));
    assertThat(of(so, UntaggedData.Sort.class).get(0).numbers()).containsExactly(uid2, uid1);
    List<ImapEvent> rso = conn.run(conn.enc.sort(true, List.of("REVERSE", "SUBJECT"), "UTF-8", SearchKey.uid(SequenceSet.of(uid1, uid2))));
    assertThat(of(rso, UntaggedData.Sort.class).get(0).numbers()).containsExactly(uid1, uid2);
    List<ImapEvent> th = conn.run(conn.enc.thread(true, "REFERENCES", "UTF-8", SearchKey.uid(SequenceSet.of(uid1, uid2))));
    assertThat(of(th, UntaggedData.Thread.class).get(0).threads()).hasSize(2);

    conn.run(conn.enc.logout());
    assertThat(conn.all).anyMatch(x -> x instanceof Response.UntaggedStatus u && u.status() == Status.BYE);
    assertThat(deviations).isEmpty();
  }

  @Test
  void multiMegabyteBodyIsStreamed() throws Exception {
    String id = "big-" + UUID.randomUUID();
    StringBuilder sb = new StringBuilder();
    sb.append("From: tester@mailwire.test\r\nTo: alice@localhost\r\nSubject: big ").append(id)
        .append("\r\nMessage-ID: <").append(id).append("@mailwire.test>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n");
    java.util.Random rnd = new java.util.Random(42);
    while (sb.length() < 3 * 1024 * 1024) {
      for (int i = 0; i < 76; i++) {
        sb.append((char) ('a' + rnd.nextInt(26)));
      }
      sb.append("\r\n");
    }
    String message = sb.toString();
    sendMail(message);
    conn = new Conn();
    conn.login();
    conn.run(conn.enc.select("INBOX", ImapCommandEncoder.SelectParams.NONE));
    long uid = awaitUid(id);
    conn.body = new ByteArrayOutputStream();
    List<ImapEvent> f = conn.run(conn.enc.fetch(true, SequenceSet.of(uid), List.of("BODY.PEEK[]"), -1, false));
    byte[] got = conn.body.toByteArray();
    byte[] sent = message.getBytes(StandardCharsets.US_ASCII);
    assertThat(got.length).isGreaterThan(sent.length);
    // delivery prepends Return-Path, Delivered-To, Received...; the rest is what we sent
    assertThat(Arrays.equals(got, got.length - sent.length, got.length, sent, 0, sent.length)).isTrue();
    assertThat(of(f, ImapEvent.BodyBegin.class).get(0).size()).isEqualTo(got.length);
    assertThat(of(f, UntaggedData.Fetch.class).get(0).item(FetchItem.Body.class).size()).isEqualTo(got.length);
    // never buffered whole: chunks are bounded by the input buffer, which stayed far below the body size
    assertThat(conn.maxChunk).isLessThan(2 << 20);
    assertThat(conn.in.capacity()).isLessThan(got.length);
    conn.run(conn.enc.logout());
  }

  @Test
  void idlePushesExists() throws Exception {
    conn = new Conn();
    conn.login();
    conn.run(conn.enc.select("INBOX", ImapCommandEncoder.SelectParams.NONE));
    EncodedCommand idle = conn.enc.idle();
    conn.t.write(idle.toBytes());
    conn.t.flush();
    ImapEvent e = conn.next();
    assertThat(e).isInstanceOf(Response.Continuation.class);
    assertThat(((Response.Continuation) e).text()).isEqualTo("idling");
    String id = "idle-" + UUID.randomUUID();
    long t0 = System.nanoTime();
    sendMail(multipartMessage(id, "idle " + id, false));
    ImapEvent pushed;
    do {
      pushed = conn.next();
    } while (!(pushed instanceof UntaggedData.Exists));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    conn.t.write(conn.enc.done().toBytes());
    conn.t.flush();
    ImapEvent end;
    do {
      end = conn.next();
    } while (!(end instanceof Response.Tagged));
    assertThat(((Response.Tagged) end).tag()).isEqualTo(idle.tag());
    assertThat(((Response.Tagged) end).status()).isEqualTo(Status.OK);
    assertThat(deviations).isEmpty();
  }

  /**
   * The event level against Dovecot: a FETCH of ENVELOPE, BODYSTRUCTURE and BODY[] read with the
   * push form ({@link ImapTokenReader#read}) as the bytes arrive from the socket, stopping at the
   * end of each response; the captured bytes, read again whole with {@link ImapTokenReader#next},
   * give the same tokens.
   */
  @Test
  void tokenReaderReadsARealFetch() throws Exception {
    String id = "tok-" + UUID.randomUUID();
    String message = multipartMessage(id, "tokens " + id, true);
    sendMail(message);
    conn = new Conn();
    conn.login();
    conn.run(conn.enc.select("INBOX", ImapCommandEncoder.SelectParams.NONE));
    long uid = awaitUid(id);
    conn.run(conn.enc.logout());

    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    List<String> pushed = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String[] tag = {null};
    int[] responses = {0};
    ImapTokenReader r = new ImapTokenReader();
    ImapTokenReader.Handler h = (t, array, offset, length, number) -> {
      if (t == ImapTokenReader.Token.BODY_BYTES) {
        body.write(array, offset, length);
        return true;
      }
      assertThat(t).as("no malformed response").isNotEqualTo(ImapTokenReader.Token.ERROR);
      pushed.add(render(t, array, offset, length, number));
      if (t == ImapTokenReader.Token.START) {
        tag[0] = new String(array, offset, length, StandardCharsets.US_ASCII);
      }
      if (t == ImapTokenReader.Token.END) {
        responses[0]++;
      }
      return t != ImapTokenReader.Token.END;
    };
    ImapCommandEncoder enc = new ImapCommandEncoder("P");
    List<String> tags = new ArrayList<>();
    try (Transport t = SocketTransport.connect(rig.endpoint("imaps", Security.IMPLICIT_TLS).readTimeout(Duration.ofSeconds(20)).build())) {
      InputBuffer in = new InputBuffer(4096, 1 << 16);
      byte[] chunk = new byte[8192];
      List<EncodedCommand> commands = List.of(enc.login(rig.user(1), rig.password(1)), enc.select("INBOX", ImapCommandEncoder.SelectParams.NONE),
          enc.fetch(true, SequenceSet.of(uid), List.of("UID", "FLAGS", "ENVELOPE", "BODYSTRUCTURE", "BODY.PEEK[]"), -1, false), enc.logout());
      String wanted = "*"; // the greeting first
      for (int c = 0; c <= commands.size(); c++) {
        while (true) {
          int before = responses[0];
          if (r.read(in, h) == 0) {
            int n = t.read(chunk, 0, chunk.length);
            assertThat(n).as("server closed early").isPositive();
            wire.write(chunk, 0, n);
            in.write(chunk, 0, n);
          } else if (responses[0] > before && tag[0].equals(wanted)) {
            break;
          }
        }
        if (c < commands.size()) {
          t.write(commands.get(c).toBytes());
          t.flush();
          wanted = commands.get(c).tag();
          tags.add(wanted);
        }
      }
    }
    assertThat(pushed).contains("ATOM(ENVELOPE)", "QUOTED(tokens " + id + ")", "QUOTED(<" + id + "@mailwire.test>)",
        "ATOM(BODYSTRUCTURE)", "QUOTED(a.pdf)", "ATOM(BODY[])");
    for (String done : tags) {
      assertThat(java.util.Collections.indexOfSubList(pushed, List.of("START(" + done + ")", "ATOM(OK)"))).as(done).isNotNegative();
    }
    byte[] sent = message.getBytes(StandardCharsets.UTF_8);
    byte[] got = body.toByteArray();
    assertThat(pushed).contains("BODY_BEGIN()#" + got.length);
    // delivery prepends Return-Path, Delivered-To, Received...; the rest is what we sent
    assertThat(Arrays.equals(got, got.length - sent.length, got.length, sent, 0, sent.length)).isTrue();

    // the same bytes, whole, through the pull form
    ImapTokenReader pull = new ImapTokenReader();
    InputBuffer all = new InputBuffer(wire.size() + 16, wire.size() + 16);
    all.write(wire.toByteArray());
    List<String> pulled = new ArrayList<>();
    ImapTokenReader.Token t;
    while ((t = pull.next(all)) != null) {
      if (t != ImapTokenReader.Token.BODY_BYTES) {
        pulled.add(render(t, pull.array(), pull.offset(), pull.length(), pull.number()));
      }
    }
    assertThat(pulled).isEqualTo(pushed);
    assertThat(all.readable()).isZero();
  }

  private static String render(ImapTokenReader.Token t, byte[] array, int offset, int length, long number) {
    String text = array == null ? "" : new String(array, offset, length, StandardCharsets.UTF_8);
    return t + "(" + (t == ImapTokenReader.Token.BODY_BEGIN ? "" : text) + ")" + (number >= 0 ? "#" + number : "");
  }
}
