package cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingConfigTest {
  @Test
  void log4jReadsTheProjectsConfigFile() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    // An unreadable log4j2.xml silently falls back to a default configuration.
    assertInstanceOf(XmlConfiguration.class, context.getConfiguration());
    assertEquals(Level.WARN, context.getConfiguration().getLoggerConfig("ai.djl").getLevel());
  }

  @Test
  void slf4jWhichDjlLogsThroughIsServedByLog4j() {
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    assertTrue(factory.startsWith("org.apache.logging.slf4j"), factory);
  }
}
