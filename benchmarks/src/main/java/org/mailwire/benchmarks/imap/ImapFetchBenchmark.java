package org.mailwire.benchmarks.imap;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParameterList;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.mailwire.imap.codec.Address;
import org.mailwire.imap.codec.BodyStructure;
import org.mailwire.imap.codec.Envelope;
import org.mailwire.imap.codec.FetchItem;
import org.mailwire.imap.codec.ImapEvent;
import org.mailwire.imap.codec.ImapResponseDecoder;
import org.mailwire.imap.codec.ImapTokenReader;
import org.mailwire.imap.codec.UntaggedData;
import org.mailwire.transport.bytes.InputBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * IMAP response decoding, mailwire beside Angus Mail 2.0.5 on the same bytes.
 *
 * <ul>
 *   <li>{@code *HeaderSync}: 1,000 {@code FETCH (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE
 *       BODYSTRUCTURE)} responses (see {@link ImapCorpus#headerSync}), parsed fully, every field
 *       each library exposes read into the Blackhole. One op = the whole corpus; MB/s = ops/s x
 *       corpus size (printed at setup). Angus: {@code IMAPProtocol.readResponse()} over the bytes,
 *       then the items of each {@code FetchResponse}. mailwire: {@link ImapResponseDecoder} over
 *       an {@link InputBuffer} holding the bytes, then the typed model.
 *   <li>{@code mailwireHeaderSyncEvents}: the same corpus through the event level, {@link
 *       ImapTokenReader#next}: no model objects; every token's view (offset and length; a number's
 *       value) goes into the Blackhole. {@code mailwireHeaderSyncHandler}: the same through the
 *       push form, {@link ImapTokenReader#read} with a {@link ImapTokenReader.Handler}.
 *   <li>{@code *Body1MiB}: one FETCH with a 1 MiB {@code BODY[]} literal. mailwire streams it
 *       through a 64 KiB buffer fed 16 KiB at a time (the bytes are summed as they pass); Angus
 *       reads the literal whole into a byte array.
 *   <li>{@code ceilingCrlfScan}: counting LF bytes of the header-sync corpus: the raw ceiling.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImapFetchBenchmark {
  private byte[] headers;
  private byte[] body;
  private InputBuffer in;
  private InputBuffer bodyIn;
  private final PrintStream nullOut = new PrintStream(OutputStream.nullOutputStream());

  @Setup(Level.Trial)
  public void setup() {
    headers = ImapCorpus.headerSync(1000);
    body = ImapCorpus.bodyFetch(1 << 20);
    in = new InputBuffer(headers.length + 16, headers.length + 16);
    bodyIn = new InputBuffer(1 << 16, 1 << 16);
    System.out.println("\nheader-sync corpus: " + headers.length + " bytes for 1000 responses; body corpus: " + body.length + " bytes");
  }

  // ------------------------------------------------------------------------- header sync

  @Benchmark
  public void mailwireHeaderSync(Blackhole bh) throws Exception {
    ImapResponseDecoder d = ImapResponseDecoder.builder().expectGreeting(false).build();
    in.write(headers);
    ImapEvent e;
    while ((e = d.decode(in)) != null) {
      if (e instanceof UntaggedData.Fetch f) {
        bh.consume(f.sequence());
        for (FetchItem item : f.items()) {
          consume(item, bh);
        }
      } else {
        throw new IllegalStateException("unexpected " + e);
      }
    }
  }

  @Benchmark
  public void mailwireHeaderSyncEvents(Blackhole bh) throws Exception {
    ImapTokenReader r = new ImapTokenReader();
    in.write(headers);
    int responses = 0;
    ImapTokenReader.Token t;
    while ((t = r.next(in)) != null) {
      switch (t) {
        case END -> responses++;
        case ERROR -> throw new IllegalStateException("unexpected error", r.error());
        case NUMBER -> bh.consume(r.number());
        default -> {
          bh.consume(r.offset());
          bh.consume(r.length());
        }
      }
    }
    if (responses != 1000) {
      throw new IllegalStateException("responses: " + responses);
    }
  }

  @Benchmark
  public void mailwireHeaderSyncHandler(Blackhole bh) throws Exception {
    ImapTokenReader r = new ImapTokenReader();
    in.write(headers);
    ViewConsumer h = new ViewConsumer(r, bh);
    while (r.read(in, h) > 0) {
      // the handler takes every token
    }
    if (h.responses != 1000) {
      throw new IllegalStateException("responses: " + h.responses);
    }
  }

  /** Every token's view (offset and length; a number's value) into the Blackhole, as in {@link #mailwireHeaderSyncEvents}. */
  private static final class ViewConsumer implements ImapTokenReader.Handler {
    private final ImapTokenReader reader;
    private final Blackhole bh;
    int responses;

    ViewConsumer(ImapTokenReader reader, Blackhole bh) {
      this.reader = reader;
      this.bh = bh;
    }

    @Override
    public boolean token(ImapTokenReader.Token t, byte[] array, int offset, int length, long number) {
      switch (t) {
        case END -> responses++;
        case ERROR -> throw new IllegalStateException("unexpected error", reader.error());
        case NUMBER -> bh.consume(number);
        default -> {
          bh.consume(offset);
          bh.consume(length);
        }
      }
      return true;
    }
  }

  private static void consume(FetchItem item, Blackhole bh) {
    if (item instanceof FetchItem.Uid u) {
      bh.consume(u.uid());
    } else if (item instanceof FetchItem.Flags fl) {
      for (String s : fl.flags()) {
        bh.consume(s);
      }
    } else if (item instanceof FetchItem.Rfc822Size s) {
      bh.consume(s.size());
    } else if (item instanceof FetchItem.InternalDate d) {
      bh.consume(d.date());
    } else if (item instanceof FetchItem.EnvelopeItem env) {
      consume(env.envelope(), bh);
    } else if (item instanceof FetchItem.Structure st) {
      consume(st.structure(), bh);
    } else {
      throw new IllegalStateException("unexpected " + item);
    }
  }

  private static void consume(Envelope e, Blackhole bh) {
    bh.consume(e.date());
    bh.consume(e.subject());
    for (List<Address> l : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
      for (Address a : l) {
        bh.consume(a.name());
        bh.consume(a.adl());
        bh.consume(a.mailbox());
        bh.consume(a.host());
      }
    }
    bh.consume(e.inReplyTo());
    bh.consume(e.messageId());
  }

  private static void consume(BodyStructure b, Blackhole bh) {
    bh.consume(b.type());
    bh.consume(b.subtype());
    for (BodyStructure.Param p : b.params()) {
      bh.consume(p.name());
      bh.consume(p.value());
    }
    if (b instanceof BodyStructure.MultiPart m) {
      for (BodyStructure part : m.parts()) {
        consume(part, bh);
      }
      consume(m.disposition(), bh);
      bh.consume(m.language());
      bh.consume(m.location());
    } else if (b instanceof BodyStructure.SinglePart s) {
      bh.consume(s.id());
      bh.consume(s.description());
      bh.consume(s.encoding());
      bh.consume(s.size());
      bh.consume(s.lines());
      bh.consume(s.md5());
      consume(s.disposition(), bh);
      bh.consume(s.language());
      bh.consume(s.location());
      if (s.envelope() != null) {
        consume(s.envelope(), bh);
        consume(s.body(), bh);
      }
    }
  }

  private static void consume(BodyStructure.Disposition d, Blackhole bh) {
    if (d != null) {
      bh.consume(d.type());
      for (BodyStructure.Param p : d.params()) {
        bh.consume(p.name());
        bh.consume(p.value());
      }
    }
  }

  @Benchmark
  public void angusHeaderSync(Blackhole bh) throws Exception {
    IMAPProtocol p = new IMAPProtocol(new ByteArrayInputStream(headers), nullOut, new Properties(), false);
    for (int i = 0; i < 1000; i++) {
      Response r = p.readResponse();
      FetchResponse f = (FetchResponse) r;
      bh.consume(f.getNumber());
      bh.consume(f.getItem(UID.class).uid);
      FLAGS fl = f.getItem(FLAGS.class);
      bh.consume(fl.getSystemFlags());
      bh.consume(fl.getUserFlags());
      bh.consume(f.getItem(RFC822SIZE.class).size);
      bh.consume(f.getItem(INTERNALDATE.class).getDate());
      consume(f.getItem(ENVELOPE.class), bh);
      consume(f.getItem(BODYSTRUCTURE.class), bh);
    }
  }

  private static void consume(ENVELOPE e, Blackhole bh) {
    bh.consume(e.date);
    bh.consume(e.subject);
    for (InternetAddress[] l : new InternetAddress[][] {e.from, e.sender, e.replyTo, e.to, e.cc, e.bcc}) {
      if (l != null) {
        for (InternetAddress a : l) {
          bh.consume(a.getPersonal());
          bh.consume(a.getAddress());
        }
      }
    }
    bh.consume(e.inReplyTo);
    bh.consume(e.messageId);
  }

  private static void consume(BODYSTRUCTURE b, Blackhole bh) {
    bh.consume(b.type);
    bh.consume(b.subtype);
    bh.consume(b.encoding);
    bh.consume(b.lines);
    bh.consume(b.size);
    bh.consume(b.disposition);
    bh.consume(b.id);
    bh.consume(b.description);
    bh.consume(b.md5);
    bh.consume(b.attachment);
    consume(b.cParams, bh);
    consume(b.dParams, bh);
    bh.consume(b.language);
    if (b.bodies != null) {
      for (BODYSTRUCTURE c : b.bodies) {
        consume(c, bh);
      }
    }
    if (b.envelope != null) {
      consume(b.envelope, bh);
    }
  }

  private static void consume(ParameterList l, Blackhole bh) {
    if (l != null) {
      Enumeration<String> names = l.getNames();
      while (names.hasMoreElements()) {
        String n = names.nextElement();
        bh.consume(n);
        bh.consume(l.get(n));
      }
    }
  }

  // ------------------------------------------------------------------------------- body

  @Benchmark
  public long mailwireBody1MiB() throws Exception {
    ImapResponseDecoder d = ImapResponseDecoder.builder().expectGreeting(false).build();
    long sum = 0;
    int i = 0;
    while (true) {
      ImapEvent e = d.decode(bodyIn);
      if (e == null) {
        if (i == body.length) {
          return sum;
        }
        int n = Math.min(16384, body.length - i);
        bodyIn.write(body, i, n);
        i += n;
      } else if (e instanceof ImapEvent.BodyBytes b) {
        sum += b.length() + b.array()[b.offset()];
      }
    }
  }

  @Benchmark
  public long angusBody1MiB() throws Exception {
    IMAPProtocol p = new IMAPProtocol(new ByteArrayInputStream(body), nullOut, new Properties(), false);
    FetchResponse f = (FetchResponse) p.readResponse();
    BODY b = f.getItem(BODY.class);
    return b.getByteArray().getCount() + b.getByteArray().getBytes()[0];
  }

  // ----------------------------------------------------------------------------- ceiling

  @Benchmark
  public int ceilingCrlfScan() {
    byte[] a = headers;
    int n = 0;
    for (byte b : a) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }
}
