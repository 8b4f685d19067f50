package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaslOptionsTest {

  @Test
  void defaults() {
    SaslOptions o = SaslOptions.defaults();
    assertThat(o.plaintextOnInsecureChannelAllowed()).isFalse();
    assertThat(o.forcedMechanism()).isEmpty();
    assertThat(o.maxScramIterations()).isEqualTo(100_000);
    assertThat(o.oauthBearerHost()).isEmpty();
    assertThat(o.oauthBearerPort()).isEmpty();
  }

  @Test
  void withersReturnCopies() {
    SaslOptions d = SaslOptions.defaults();
    SaslOptions o = d.allowPlaintextOnInsecureChannel(true).forceMechanism(Mechanism.LOGIN).maxScramIterations(4096)
        .oauthBearerHost("h.example").oauthBearerPort(993);
    assertThat(d).isEqualTo(SaslOptions.defaults());
    assertThat(o).isNotEqualTo(d);
    assertThat(o.plaintextOnInsecureChannelAllowed()).isTrue();
    assertThat(o.forcedMechanism()).contains(Mechanism.LOGIN);
    assertThat(o.maxScramIterations()).isEqualTo(4096);
    assertThat(o.oauthBearerHost()).contains("h.example");
    assertThat(o.oauthBearerPort()).hasValue(993);
    assertThat(o.oauthBearerPort(0).oauthBearerPort()).isEmpty();
    assertThat(o.oauthBearerHost(null).oauthBearerHost()).isEmpty();
    assertThat(o.toString()).contains("forceMechanism=LOGIN").contains("maxScramIterations=4096");
    assertThat(o.hashCode()).isEqualTo(d.allowPlaintextOnInsecureChannel(true).forceMechanism(Mechanism.LOGIN)
        .maxScramIterations(4096).oauthBearerHost("h.example").oauthBearerPort(993).hashCode());
  }

  @Test
  void invalidValues() {
    SaslOptions d = SaslOptions.defaults();
    assertThatThrownBy(() -> d.maxScramIterations(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.oauthBearerPort(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.oauthBearerPort(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.oauthBearerHost("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.oauthBearerHost("a\u0001b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.oauthBearerHost("a b")).isInstanceOf(IllegalArgumentException.class);
  }
}
