package cifar.json;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Doubles as JSON can hold them: a NaN or an infinity (a run that diverged, an accuracy with no
 * images) is written as {@code null}. A {@code double} reads {@code null} back as NaN; a nullable
 * {@code Double} (a value that may be absent, such as the study's reported accuracy) reads it
 * back as null.
 */
final class FiniteDoubles {
  static final TypeAdapter<Double> PRIMITIVE = new Adapter(Double.NaN);
  static final TypeAdapter<Double> BOXED = new Adapter(null);

  private FiniteDoubles() {}

  private static final class Adapter extends TypeAdapter<Double> {
    private final Double whenNull;

    Adapter(Double whenNull) {
      this.whenNull = whenNull;
    }

    @Override
    public void write(JsonWriter out, Double value) throws IOException {
      if (value == null || !Double.isFinite(value)) {
        // serializeNulls is on for the whole instance, so an absent value still shows its key
        out.nullValue();
      } else {
        out.value(value.doubleValue());
      }
    }

    @Override
    public Double read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return whenNull;
      }
      return in.nextDouble();
    }
  }
}
