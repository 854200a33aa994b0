package cifar.predict;

import cifar.json.Json;
import java.util.List;

/**
 * What {@code predict --json} prints, in the project's JSON style ({@link Json}): {@code
 * {"format": 1, "model": DIR, "top": K, "predictions": [{"file": ..., "top": [{"class_name":
 * "cat", "probability": 0.91}, ...]}, ...], "failures": [{"file": ..., "problem": ...}]}}.
 */
public final class PredictionsJson {
  /** Raised when a field changes meaning or goes away; adding one keeps it. */
  static final int FORMAT = 1;

  private PredictionsJson() {}

  /** The body of the document. */
  private record Document(String model, int top, List<Prediction> predictions,
      List<Predictor.Failure> failures) {}

  /**
   * @param model the run directory the model came from
   * @param top how many classes each prediction ranks
   */
  public static String write(String model, int top, List<Prediction> predictions,
      List<Predictor.Failure> failures) {
    return Json.write(new Document(model, top, predictions, failures), FORMAT);
  }
}
