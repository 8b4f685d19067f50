package org.mailwire.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnhancedStatusTest {

  @Test
  void parsesAndPrints() {
    EnhancedStatus s = EnhancedStatus.parse("5.1.1");
    assertThat(s).isEqualTo(new EnhancedStatus(5, 1, 1));
    assertThat(s.isPermanent()).isTrue();
    assertThat(s.isTransient()).isFalse();
    assertThat(s.toString()).isEqualTo("5.1.1");
    assertThat(EnhancedStatus.parse("4.7.100").isTransient()).isTrue();
    assertThat(EnhancedStatus.parse("2.0.0").isSuccess()).isTrue();
  }

  @Test
  void rejectsInvalidCodes() {
    for (String bad : new String[] {"3.1.1", "5.1", "5..1", "5.1.1.1", "5.1000.1", "x.1.1", "5.1.1 "}) {
      assertThatThrownBy(() -> EnhancedStatus.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new EnhancedStatus(3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EnhancedStatus(2, 1000, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
