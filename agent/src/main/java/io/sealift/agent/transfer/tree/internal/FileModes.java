package io.sealift.agent.transfer.tree.internal;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Converts between POSIX permission bits ({@code 0644}) and {@link PosixFilePermission} sets.
 * Only the nine rwx bits exist here: Java cannot read or set setuid, setgid or sticky. Stateless.
 */
public final class FileModes {
    /** The bits a mode may have. */
    public static final int PERMISSION_BITS = 0777;

    // In bit order from 0400 down to 0001, the order of the enum.
    private static final PosixFilePermission[] BY_BIT = PosixFilePermission.values();

    private FileModes() {
    }

    /** Returns the bits of {@code permissions}. */
    public static int toBits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (int i = 0; i < BY_BIT.length; i++) {
            if (permissions.contains(BY_BIT[i])) {
                bits |= 0400 >> i;
            }
        }
        return bits;
    }

    /** Returns the permissions of the rwx bits of {@code bits}; other bits are ignored. */
    public static Set<PosixFilePermission> fromBits(int bits) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BY_BIT.length; i++) {
            if ((bits & (0400 >> i)) != 0) {
                permissions.add(BY_BIT[i]);
            }
        }
        return permissions;
    }
}
