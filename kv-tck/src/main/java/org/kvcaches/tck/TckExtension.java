package org.kvcaches.tck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.cache.CacheDecoratorContract;
import org.kvcaches.tck.cache.CacheFixture;
import org.kvcaches.tck.cache.CacheRig;

/**
 * Runs the contracts, the store contract ({@link StoreContract}) and the cache contract
 * ({@link CacheDecoratorContract}) alike: one fixture per test class, one fresh store (or
 * {@link CacheRig}) per test, capability gating with visible skip reasons, cleanup and leftover
 * checks. Registered by the contracts' base interfaces; users never name it.
 */
public final class TckExtension implements BeforeAllCallback, ExecutionCondition, ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TckExtension.class);

    /** The class-level state: the fixture and the capabilities its stores claim. */
    private static final class ClassState implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final StoreFixture fixture;
        final Set<Capability> claimed;
        final String storeName;

        ClassState(StoreFixture fixture) {
            this.fixture = fixture;
            KeyValueStore probe = null;
            try {
                probe = fixture.newStore();
                this.claimed = probe.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(probe.capabilities());
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
            fixture.cleanUp(probe);
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

        @Override
        public void close() {
            fixture.close();
        }
    }

    /** The class-level state of a cache contract: the fixture and what its cache stores claim. */
    private static final class CacheClassState implements ExtensionContext.Store.CloseableResource {
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

    /** The store the TCK created for one test. */
    private record TestStore(KeyValueStore store) {
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
        ClassState state = state(context);
        Map<Capability, String> narrowed = state.fixture.narrowedCapabilities();
        if (requires != null) {
            for (Capability capability : requires.value()) {
                if (!state.claimed.contains(capability)) {
                    return ConditionEvaluationResult.disabled("skipped: " + state.storeName + " does not claim capability " + capability);
                }
                if (narrowed.containsKey(capability)) {
                    return ConditionEvaluationResult.disabled("skipped: capability " + capability + " narrowed by the fixture: "
                            + narrowed.get(capability));
                }
            }
        }
        if (absent != null && state.claimed.contains(absent.value())) {
            return ConditionEvaluationResult.disabled("skipped: " + state.storeName + " claims capability " + absent.value()
                    + ", so the unsupported-operation check does not apply");
        }
        return ConditionEvaluationResult.enabled("capabilities present");
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
        if (store.get(TestStore.class) != null) {
            throw new ParameterResolutionException("a contract test takes at most one KeyValueStore");
        }
        KeyValueStore created = state.fixture.newStore();
        store.put(TestStore.class, new TestStore(created));
        return created;
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
        List<String> problems = new ArrayList<>();
        KeyValueStore store = test.store();
        try {
            if (!isClosed(store)) {
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
                store.close();
            }
        } finally {
            state.fixture.cleanUp(store);
        }
        problems.addAll(state.fixture.leftovers());
        if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError(state.storeName + " left things behind: " + String.join("; ", problems));
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
}
