package io.sealift.control.ca.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/** Builds subjectAltName extensions from host names and IP addresses. Stateless and thread-safe. */
public final class AltNames {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private AltNames() {
    }

    /** Returns whether {@code name} is an IPv4/IPv6 literal or a syntactically valid DNS name. */
    public static boolean isValid(String name) {
        return IPAddress.isValid(name) || (name.length() <= 253 && DNS_NAME.matcher(name).matches());
    }

    /**
     * Returns one iPAddress or dNSName entry per distinct name.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static GeneralNames of(Collection<String> names) {
        Set<GeneralName> entries = new LinkedHashSet<>();
        for (String name : names) {
            if (IPAddress.isValid(name)) {
                entries.add(new GeneralName(GeneralName.iPAddress, name));
            } else if (isValid(name)) {
                entries.add(new GeneralName(GeneralName.dNSName, name.toLowerCase(Locale.ROOT)));
            } else {
                throw new IllegalArgumentException("'" + name + "' is neither a DNS name nor an IP address");
            }
        }
        return new GeneralNames(entries.toArray(new GeneralName[0]));
    }

    /** Returns a single uniformResourceIdentifier entry. */
    public static GeneralNames uri(String uri) {
        return new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }
}
