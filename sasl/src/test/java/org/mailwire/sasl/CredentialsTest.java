package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void toStringNeverShowsThePassword() {
    Credentials c = Credentials.password("alice", Secrets.PASSWORD.toCharArray());
    assertThat(c.toString()).isEqualTo("Credentials[user=alice, password=<redacted>]");
    Secrets.assertNoSecret(c.toString(), Secrets.PASSWORD);
    Credentials d = Credentials.password("admin", "alice", Secrets.PASSWORD);
    assertThat(d.toString()).isEqualTo("Credentials[authzid=admin, user=alice, password=<redacted>]");
  }

  @Test
  void toStringNeverShowsOrFetchesTheToken() {
    AtomicInteger calls = new AtomicInteger();
    Credentials c = Credentials.oauth("alice", () -> {
      calls.incrementAndGet();
      return Secrets.TOKEN;
    });
    assertThat(c.toString()).isEqualTo("Credentials[user=alice, token=<redacted>]");
    assertThat(calls).hasValue(0);
  }

  @Test
  void accessors() {
    Credentials c = Credentials.password("alice", "pw".toCharArray());
    assertThat(c.username()).isEqualTo("alice");
    assertThat(c.authorizationId()).isEmpty();
    assertThat(c.isToken()).isFalse();
    Credentials d = Credentials.password("boss", "alice", "pw".toCharArray());
    assertThat(d.authorizationId()).contains("boss");
    assertThat(Credentials.password("", "alice", "pw".toCharArray()).authorizationId()).isEmpty();
    assertThat(Credentials.password(null, "alice", "pw").authorizationId()).isEmpty();
    assertThat(Credentials.oauth("alice", () -> "t").isToken()).isTrue();
  }

  @Test
  void passwordIsCopied() {
    char[] pw = "secret".toCharArray();
    Credentials c = Credentials.password("alice", pw);
    java.util.Arrays.fill(pw, 'x');
    assertThat(new String(c.passwordChars())).isEqualTo("secret");
  }

  @Test
  void invalidArguments() {
    assertThatThrownBy(() -> Credentials.password("", "pw".toCharArray())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credentials.password("u", new char[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credentials.password("u", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credentials.password(null, "pw".toCharArray())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Credentials.password("u", (char[]) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Credentials.oauth("u", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Credentials.oauth("", () -> "t")).isInstanceOf(IllegalArgumentException.class);
  }
}
