package dev.crier.publish.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registered official accounts, one per platform and department. */
public final class AccountRegistry {

    private final List<Account> accounts;
    private final Map<String, Account> byPlatformAndDepartment = new HashMap<>();

    public AccountRegistry(List<Account> accounts) {
        this.accounts = List.copyOf(accounts);
        for (Account account : accounts) {
            Account earlier = byPlatformAndDepartment.putIfAbsent(key(account.platform(), account.department()), account);
            if (earlier != null) {
                throw new IllegalArgumentException("two " + account.platform() + " accounts for department "
                        + account.department() + ": " + earlier.handle() + " and " + account.handle());
            }
        }
    }

    /** The department's account on the platform; departments are matched without regard to case. */
    public Optional<Account> find(String platform, String department) {
        if (department == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byPlatformAndDepartment.get(key(platform, department)));
    }

    /** The account with this handle on the platform (for entries recorded before a registry change). */
    public Optional<Account> byHandle(String platform, String handle) {
        return accounts.stream().filter(a -> a.platform().equals(platform) && a.handle().equals(handle)).findFirst();
    }

    public List<Account> all() {
        return accounts;
    }

    private static String key(String platform, String department) {
        return platform + "|" + department.trim().toUpperCase(Locale.ROOT);
    }
}
