package io.sealift.control.audit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the real {@link AuditEventRepository} in a recording stand-in that counts the pages
 * exports read, so a test can watch an export read the store as it streams. Active only in tests
 * that set {@code sealift.test.count-audit-pages}.
 */
@Singleton
@Requires(property = "sealift.test.count-audit-pages", value = "true")
final class CountingAuditEventRepository implements BeanCreatedEventListener<AuditEventRepository> {
    private final AtomicInteger pages = new AtomicInteger();

    /** Returns how many pages of records exports have read so far. */
    int pages() {
        return pages.get();
    }

    @Override
    public AuditEventRepository onCreated(BeanCreatedEvent<AuditEventRepository> event) {
        AuditEventRepository real = event.getBean();
        return (AuditEventRepository) Proxy.newProxyInstance(AuditEventRepository.class.getClassLoader(),
                new Class<?>[] {AuditEventRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("globalPage") || method.getName().equals("chainPage")) {
                        pages.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
