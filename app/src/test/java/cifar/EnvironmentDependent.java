package cifar;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test whose outcome depends on the machine rather than on the code: the memory allocator
 * installed, the launcher script and its shell, glibc's handling of freed memory, an installed
 * browser, whether there is a GPU. Tagged {@value #TAG}, so that it can be run or skipped on
 * purpose: {@code mvn verify -Dgroups=environment} runs only these, {@code
 * -DexcludedGroups=environment} all but these; plain {@code mvn verify} runs everything.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(EnvironmentDependent.TAG)
public @interface EnvironmentDependent {
  /** The JUnit tag these tests carry. */
  String TAG = "environment";
}
