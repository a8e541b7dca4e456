package dev.embedgate.server.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Client addresses as configured: {@code loopback} (127.0.0.0/8 and ::1), {@code any}, single addresses
 * ({@code 10.1.2.3}, {@code fd00::1}) and CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}). Host names are refused:
 * what a name resolves to may change under the gateway. Immutable, thread-safe.
 */
public final class AddressRanges {

    /** What an entry of IP literal characters may look like; only such text reaches {@link InetAddress}. */
    private static final Pattern IP_LITERAL =
            Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Predicate<InetAddress>> ranges;

    private AddressRanges(List<Predicate<InetAddress>> ranges) {
        this.ranges = ranges;
    }

    /** The addresses whose first {@code prefixLength} bits are those of {@code network}. */
    private record Block(byte[] network, int prefixLength) implements Predicate<InetAddress> {

        @Override
        public boolean test(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixLength % 8;
            int mask = (0xff << (8 - restBits)) & 0xff;
            return restBits == 0 || (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    /**
     * @throws IllegalArgumentException naming the entry that is neither {@code loopback}, {@code any}, an IP address
     *                                  nor a CIDR block
     */
    public static AddressRanges parse(List<String> entries) {
        return new AddressRanges(entries.stream().map(AddressRanges::range).toList());
    }

    private static Predicate<InetAddress> range(String entry) {
        String text = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
        if (text.equals("loopback")) {
            return InetAddress::isLoopbackAddress;
        }
        if (text.equals("any")) {
            return address -> true;
        }
        int slash = text.indexOf('/');
        byte[] network = literal(slash < 0 ? text : text.substring(0, slash), entry);
        int bits = network.length * 8;
        if (slash < 0) {
            return new Block(network, bits);
        }
        int prefixLength;
        try {
            prefixLength = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefixLength = -1;
        }
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("'" + entry + "' has no valid prefix length (0 to " + bits + ")");
        }
        return new Block(network, prefixLength);
    }

    private static byte[] literal(String address, String entry) {
        if (!IP_LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + entry + "' is not loopback, any, an IP address or a CIDR block "
                    + "(10.0.0.0/8, fd00::/8)");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not a valid IP address", e);
        }
    }

    /** Whether the address is in one of the ranges. */
    public boolean allows(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.test(address));
    }
}
