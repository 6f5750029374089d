package org.kvcaches.tck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.cache.CacheDecoratorContract;
import org.kvcaches.tck.cache.CacheFixture;
import org.kvcaches.tck.cache.CacheRig;

/**
 * Runs the contracts, the store contract ({@link StoreContract}) and the cache contract
 * ({@link CacheDecoratorContract}) alike: one fixture per test class, one fresh store (or
 * {@link CacheRig}) per test, capability gating with visible skip reasons, cleanup and leftover
 * checks, and for the store contract a summary on the console after each class. Registered by the
 * contracts' base interfaces; users never name it.
 */
public final class TckExtension implements BeforeAllCallback, ExecutionCondition, ParameterResolver, AfterEachCallback, TestWatcher,
        AfterAllCallback {
    /** Configuration parameter that turns the summary off ({@code false}); the TCK's own self-test uses it. */
    static final String SUMMARY_PARAMETER = "kv.tck.summary";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TckExtension.class);

    /** The class-level state: the fixture and what the summary reports. */
    private static final class ClassState implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final StoreFixture fixture;
        final String storeName;
        int passed;
        int failed;
        final Map<String, List<String>> skipped = new TreeMap<>();
        final List<String> leftovers = new ArrayList<>();

        ClassState(StoreFixture fixture) {
            this.fixture = fixture;
            KeyValueStore probe = null;
            Set<Capability> claimed;
            try {
                probe = fixture.newStore();
                claimed = probe.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(probe.capabilities());
                this.storeName = probe.toString();
                try (Stream<String> keys = probe.keys("")) {
                    List<String> found = keys.limit(5).collect(Collectors.toList());
                    if (!found.isEmpty()) {
                        throw new AssertionError("the fixture's newStore() must give an empty store, but " + storeName + " holds " + found);
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                if (probe != null) {
                    probe.close();
                }
                fixture.close();
                throw e;
            }
            probe.close();
            // Leftovers first, then the fixture's cleanup, which may delete the very files that would show a leak.
            List<String> left = fixture.leftovers();
            fixture.cleanUp(probe);
            if (!left.isEmpty()) {
                fixture.close();
                throw new AssertionError(storeName + " left things behind after it was opened and closed: " + String.join("; ", left));
            }
            fixture.narrowedCapabilities().forEach((capability, reason) -> {
                if (reason == null || reason.isBlank()) {
                    fixture.close();
                    throw new IllegalStateException("the fixture of " + storeName + " narrows capability " + capability
                            + " without a reason; say why it is not tested against this server");
                }
            });
            System.out.println("[kv-tck] running the contract on " + storeName + " (claims " + claimed + ")");
            fixture.narrowedCapabilities().forEach((capability, reason) ->
                    System.out.println("[kv-tck] " + storeName + ": capability " + capability + " is not tested: " + reason));
        }

        synchronized void skipped(String test, String reason) {
            skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(test);
        }

        synchronized String summary() {
            int skips = skipped.values().stream().mapToInt(List::size).sum();
            StringBuilder text = new StringBuilder("[kv-tck] summary for " + storeName + ": " + (passed + failed + skips) + " tests, "
                    + passed + " passed, " + failed + " failed, " + skips + " skipped, " + leftovers.size() + " with leftovers");
            skipped.forEach((reason, tests) -> text.append(System.lineSeparator()).append("[kv-tck]   ").append(tests.size())
                    .append(" ").append(reason).append(": ").append(String.join(", ", tests)));
            leftovers.forEach(left -> text.append(System.lineSeparator()).append("[kv-tck]   leftovers: ").append(left));
            return text.toString();
        }

        @Override
        public void close() {
            fixture.close();
        }
    }

    /** The class-level state of a cache contract: the fixture and what its cache stores claim. */
    private static final class CacheClassState implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final CacheFixture fixture;
        final Set<Capability> claimed;
        final String cacheStoreName;

        CacheClassState(CacheFixture fixture) {
            this.fixture = fixture;
            try (KeyValueStore probe = fixture.newCacheStore()) {
                this.claimed = probe.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(probe.capabilities());
                this.cacheStoreName = probe.toString();
            } catch (RuntimeException | AssertionError e) {
                fixture.close();
                throw e;
            }
            System.out.println("[kv-tck] running the cache contract with cache store " + cacheStoreName + " (claims " + claimed + ")");
        }

        @Override
        public void close() {
            fixture.close();
        }
    }

    /** The store the TCK created for one test; created early when a capability decides whether the test runs. */
    private static final class TestStore {
        final KeyValueStore store;
        boolean handedOut;

        TestStore(KeyValueStore store) {
            this.store = store;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        if (instance instanceof CacheDecoratorContract cacheContract) {
            CacheFixture fixture = cacheContract.cacheFixture();
            if (fixture == null) {
                throw new IllegalStateException(instance.getClass().getName() + ".cacheFixture() returned null");
            }
            CacheClassState state = new CacheClassState(fixture);
            context.getStore(NS).put(CacheClassState.class, state);
            context.publishReportEntry("kv-tck.cache-store", state.cacheStoreName);
            return;
        }
        if (!(instance instanceof StoreContract contract)) {
            throw new IllegalStateException(instance.getClass() + " must implement StoreContract or CacheDecoratorContract");
        }
        StoreFixture fixture = contract.fixture();
        if (fixture == null) {
            throw new IllegalStateException(instance.getClass().getName() + ".fixture() returned null");
        }
        ClassState state = new ClassState(fixture);
        context.getStore(NS).put(ClassState.class, state);
        context.publishReportEntry("kv-tck.store", state.storeName);
    }

    private static ClassState state(ExtensionContext context) {
        ClassState state = context.getStore(NS).get(ClassState.class, ClassState.class);
        if (state == null) {
            throw new IllegalStateException("the TCK fixture was not set up for " + context.getDisplayName());
        }
        return state;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Method method = context.getTestMethod().orElse(null);
        if (method == null) {
            return ConditionEvaluationResult.enabled("not a test method");
        }
        Requires requires = method.getAnnotation(Requires.class);
        RequiresAbsent absent = method.getAnnotation(RequiresAbsent.class);
        if (requires == null && absent == null) {
            return ConditionEvaluationResult.enabled("no capability needed");
        }
        CacheClassState cacheState = context.getStore(NS).get(CacheClassState.class, CacheClassState.class);
        if (cacheState != null) {
            for (Capability capability : requires == null ? new Capability[0] : requires.value()) {
                if (!cacheState.claimed.contains(capability)) {
                    return ConditionEvaluationResult.disabled("skipped: the cache store " + cacheState.cacheStoreName
                            + " does not claim capability " + capability);
                }
            }
            return ConditionEvaluationResult.enabled("the cache store claims the capabilities");
        }
        // The test's own store decides, and the skip message names it.
        ClassState state = state(context);
        KeyValueStore store = state.fixture.newStore();
        String reason = skipReason(store, state.fixture.narrowedCapabilities(), requires, absent);
        if (reason == null) {
            context.getStore(NS).put(TestStore.class, new TestStore(store));
            return ConditionEvaluationResult.enabled("capabilities present");
        }
        store.close();
        state.fixture.cleanUp(store);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static String skipReason(KeyValueStore store, Map<Capability, String> narrowed, Requires requires, RequiresAbsent absent) {
        Set<Capability> claimed = store.capabilities();
        if (requires != null) {
            for (Capability capability : requires.value()) {
                if (!claimed.contains(capability)) {
                    return "skipped: " + store + " does not claim capability " + capability;
                }
                if (narrowed.containsKey(capability)) {
                    return "skipped: capability " + capability + " of " + store + " narrowed by the fixture: " + narrowed.get(capability);
                }
            }
        }
        if (absent != null && claimed.contains(absent.value())) {
            return "skipped: " + store + " claims capability " + absent.value() + ", so the unsupported-operation check does not apply";
        }
        return null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeyValueStore.class || type == StoreFixture.class || type == CacheRig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == CacheRig.class) {
            CacheClassState cacheState = context.getStore(NS).get(CacheClassState.class, CacheClassState.class);
            if (cacheState == null) {
                throw new ParameterResolutionException("a CacheRig parameter needs a test class that implements CacheDecoratorContract");
            }
            CacheRig rig = CacheRig.open(cacheState.fixture);
            context.getStore(NS).put(CacheRig.class, rig);
            return rig;
        }
        ClassState state = state(context);
        if (parameter.getParameter().getType() == StoreFixture.class) {
            return state.fixture;
        }
        ExtensionContext.Store store = context.getStore(NS);
        TestStore test = store.get(TestStore.class, TestStore.class);
        if (test == null) {
            test = new TestStore(state.fixture.newStore());
            store.put(TestStore.class, test);
        } else if (test.handedOut) {
            throw new ParameterResolutionException("a contract test takes at most one KeyValueStore");
        }
        test.handedOut = true;
        return test.store;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CacheRig rig = context.getStore(NS).remove(CacheRig.class, CacheRig.class);
        if (rig != null) {
            List<String> problems = rig.closeAndEmpty();
            if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
                throw new AssertionError("the cache contract test left things behind: " + String.join("; ", problems));
            }
        }
        TestStore test = context.getStore(NS).remove(TestStore.class, TestStore.class);
        if (test == null) {
            return;
        }
        ClassState state = state(context);
        KeyValueStore store = test.store;
        List<String> problems = new ArrayList<>();
        RuntimeException failure = null;
        try {
            emptyAndClose(store, problems);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Leftovers are checked before the fixture's cleanup, which may delete a leaked temp file with the namespace.
        try {
            problems.addAll(state.fixture.leftovers());
        } finally {
            state.fixture.cleanUp(store);
        }
        if (failure != null) {
            throw failure;
        }
        if (!problems.isEmpty()) {
            String message = store + " left things behind after " + context.getDisplayName() + ": " + String.join("; ", problems);
            synchronized (state) {
                state.leftovers.add(message);
            }
            if (context.getExecutionException().isEmpty()) {
                throw new AssertionError(message);
            }
        }
    }

    /** Deletes what the test left through the store's own API, checks that nothing is listed, and closes the store. */
    private static void emptyAndClose(KeyValueStore store, List<String> problems) {
        try {
            if (isClosed(store)) {
                return;
            }
            try (Stream<String> keys = store.keys("")) {
                List<String> left = keys.collect(Collectors.toList());
                store.deleteAll(left);
            }
            try (Stream<String> keys = store.keys("")) {
                List<String> still = keys.limit(10).collect(Collectors.toList());
                if (!still.isEmpty()) {
                    problems.add("keys still listed after deleting all of them: " + still);
                }
            }
        } finally {
            store.close();
        }
    }

    private static boolean isClosed(KeyValueStore store) {
        try {
            store.contains("kv-tck-closed-probe");
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** @return the store contract's class state, or null in a cache contract class, which prints no summary */
    private static ClassState summaryState(ExtensionContext context) {
        return context.getStore(NS).get(ClassState.class, ClassState.class);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        ClassState state = summaryState(context);
        if (state != null) {
            synchronized (state) {
                state.passed++;
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ClassState state = summaryState(context);
        if (state != null) {
            synchronized (state) {
                state.failed++;
            }
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        ClassState state = summaryState(context);
        if (state != null) {
            state.skipped(testName(context), String.valueOf(cause.getMessage()));
        }
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        ClassState state = summaryState(context);
        if (state != null) {
            state.skipped(testName(context), reason.orElse("skipped"));
        }
    }

    private static String testName(ExtensionContext context) {
        return context.getTestMethod().map(Method::getName).orElse(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassState state = context.getStore(NS).get(ClassState.class, ClassState.class);
        if (state != null && context.getConfigurationParameter(SUMMARY_PARAMETER).map(Boolean::parseBoolean).orElse(true)) {
            System.out.println(state.summary());
        }
    }
}
