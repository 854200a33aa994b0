package cifar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Suggest.distance("lr", "lr"));
    assertEquals(1, Suggest.distance("batchsize", "batch_size"));
    assertEquals(2, Suggest.distance("sigmiod", "sigmoid"));
    assertEquals(3, Suggest.distance("", "abc"));
  }

  @Test
  void suggestsOnlyWhenSomethingIsClose() {
    assertEquals(" (did you mean 'epochs'?)", Suggest.didYouMean("epoch", List.of("epochs", "lr")));
    assertEquals("", Suggest.didYouMean("colour", List.of("epochs", "lr")));
  }
}
