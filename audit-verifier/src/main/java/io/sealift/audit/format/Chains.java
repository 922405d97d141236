package io.sealift.audit.format;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names of the audit log's hash chains.
 *
 * <p>Every record is in two chains: the {@value #GLOBAL} chain, which orders all records, and its
 * scope chain: {@code tenant:<id>} for a tenant's records, {@value #PLATFORM} for records that
 * concern no tenant. A tenant's export is its scope chain alone, so it verifies without any
 * other tenant's records. Stateless and thread-safe.
 */
public final class Chains {
    /** The chain of every record, in the order they were appended. */
    public static final String GLOBAL = "global";
    /** The scope chain of records that concern no tenant. */
    public static final String PLATFORM = "platform";
    /** The prefix of a tenant's scope chain, followed by the tenant's id. */
    public static final String TENANT_PREFIX = "tenant:";

    private static final Pattern TENANT = Pattern.compile(
            "tenant:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Chains() {
    }

    /** Returns the scope chain of a record about {@code tenant}, or {@value #PLATFORM} for null. */
    public static String scopeOf(UUID tenant) {
        return tenant == null ? PLATFORM : TENANT_PREFIX + tenant;
    }

    /** Returns whether {@code chain} names a chain: global, platform or tenant:&lt;lowercase uuid&gt;. */
    public static boolean isValid(String chain) {
        return GLOBAL.equals(chain) || PLATFORM.equals(chain) || chain != null && TENANT.matcher(chain).matches();
    }

    /**
     * Returns {@code chain} if it names a chain.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireValid(String chain) {
        if (!isValid(chain)) {
            throw new IllegalArgumentException("chain must be global, platform or tenant:<lowercase uuid>");
        }
        return chain;
    }
}
