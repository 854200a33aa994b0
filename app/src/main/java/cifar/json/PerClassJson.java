package cifar.json;

import cifar.data.CifarSplit;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-class accuracy, held in class order as a list, written as an object keyed by class name
 * ({@code {"airplane": 0.66, ...}}) in every file. Reads that object, and also the plain array
 * that records of format 1 held.
 */
public final class PerClassJson extends TypeAdapter<List<Double>> {
  @Override
  public void write(JsonWriter out, List<Double> perClass) throws IOException {
    out.beginObject();
    for (int c = 0; perClass != null && c < perClass.size(); c++) {
      out.name(CifarSplit.CLASSES[c]);
      FiniteDoubles.PRIMITIVE.write(out, perClass.get(c));
    }
    out.endObject();
  }

  @Override
  public List<Double> read(JsonReader in) throws IOException {
    JsonElement tree = Streams.parse(in);
    List<Double> out = new ArrayList<>();
    if (tree.isJsonArray()) {
      tree.getAsJsonArray().forEach(e -> out.add(number(e)));
    } else if (tree.isJsonObject()) {
      JsonObject o = tree.getAsJsonObject();
      for (String name : CifarSplit.CLASSES) {
        if (o.has(name)) {
          out.add(number(o.get(name)));
        }
      }
    }
    return out;
  }

  private static double number(JsonElement e) {
    return e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }
}
