package org.kvcaches.tck.cache;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kvcaches.api.Capability;
import org.kvcaches.tck.Requires;

/**
 * Runs a {@link CacheContract} test marked {@link Requires} only when the fixture's cache store
 * claims every listed capability; otherwise the test is skipped with the reason.
 */
final class CacheCapabilityCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Method method = context.getTestMethod().orElse(null);
        Requires requires = method == null ? null : method.getAnnotation(Requires.class);
        if (requires == null) {
            return ConditionEvaluationResult.enabled("no cache store capability needed");
        }
        CacheContract contract = (CacheContract) context.getRequiredTestInstance();
        for (Capability capability : requires.value()) {
            if (!contract.cacheCapabilities().contains(capability)) {
                return ConditionEvaluationResult.disabled("skipped: the cache store " + contract.cacheStoreName()
                        + " does not claim capability " + capability);
            }
        }
        return ConditionEvaluationResult.enabled("the cache store claims " + java.util.Arrays.toString(requires.value()));
    }
}
