package io.meshwright.plugins.git.repo;

import io.meshwright.spi.extension.SecretResolver;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The SSH side of one clone or fetch: an Apache MINA sshd session factory of its own, set on the transport (JGit
 * finds a global factory through {@code ServiceLoader}, which does not see a plugin's jars, and a global one would
 * be shared by every repository), holding only the source's key, checking the server against only the source's
 * known hosts file, and reading nothing from the engine user's {@code ~/.ssh} (no identities, config, known hosts
 * or agent). Closed after the fetch. For a URL that is not SSH it does nothing.
 */
final class SshAccess implements TransportConfigCallback, AutoCloseable {

    private static final SshAccess NONE = new SshAccess(null, null, null, null);

    private final SshdSessionFactory factory;
    private final KnownHosts knownHosts;
    private final SshKey key;
    private final String safeUrl;

    private SshAccess(SshdSessionFactory factory, KnownHosts knownHosts, SshKey key, String safeUrl) {
        this.factory = factory;
        this.knownHosts = knownHosts;
        this.key = key;
        this.safeUrl = safeUrl;
    }

    /**
     * The SSH access for {@code location}, or one that does nothing when its URL is not SSH.
     *
     * @param home an empty folder the SSH client may take as its home (the user's is never used)
     * @throws GitException naming the option and the URL when the key or the known hosts file is missing or unreadable
     */
    static SshAccess of(GitLocation location, SecretResolver secrets, Path home) {
        if (!isSsh(location.url())) {
            return NONE;
        }
        SshKey key = location.credentials().ssh() == null ? new SshKey(null, null, null, null) : location.credentials().ssh();
        List<KeyPair> keys = key.load(secrets, location.safeUrl());
        Path knownHostsFile = null;
        if (key.knownHostsFile() != null) {
            try {
                knownHostsFile = Credentials.refusedAsGitException(() -> SshKey.resolved(secrets, "knownHostsFile",
                        key.knownHostsFile()));
            } catch (java.io.UncheckedIOException e) {
                knownHostsFile = null;
            }
            if (knownHostsFile == null || !Files.isReadable(knownHostsFile)) {
                throw new GitException("the known hosts file " + key.knownHostsFile() + " (option knownHostsFile) for "
                        + location.safeUrl() + " does not exist or cannot be read");
            }
        }
        KnownHosts knownHosts = new KnownHosts(knownHostsFile);
        File homeDir = home.toFile();
        SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(homeDir)
                // A folder that is never created: no config, identities or known hosts of a user are read.
                .setSshDirectory(new File(homeDir, "no-ssh-directory"))
                .setPreferredAuthentications("publickey")
                .setDefaultKeysProvider(dir -> keys)
                .setServerKeyDatabase((h, s) -> knownHosts)
                .setConnectorFactory(null) // no ssh-agent
                .build(null);
        return new SshAccess(factory, knownHosts, key, location.safeUrl());
    }

    /** {@code ssh://}, {@code git+ssh://}, {@code ssh+git://} and scp-like {@code user@host:path} URLs. */
    static boolean isSsh(String url) {
        try {
            URIish uri = new URIish(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "ssh", "git+ssh", "ssh+git" -> true;
                case "" -> uri.getHost() != null;
                default -> false;
            };
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public void configure(Transport transport) {
        if (factory != null && transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory);
        }
    }

    /**
     * Why a clone or fetch over this access failed, in the user's terms, when SSH is the reason: an unknown or
     * changed host key, or a key the server did not accept. Empty for any other failure.
     */
    Optional<String> explain(Throwable failure) {
        if (factory == null) {
            return Optional.empty();
        }
        String refused = knownHosts.refused;
        if (refused != null) {
            refused += " (" + knownHosts.fingerprint + ")";
            return Optional.of(knownHosts.file == null
                    ? "the host key of " + refused + " is unknown and unknown hosts are refused (never trusted on first "
                            + "use): give option knownHostsFile, a known_hosts file holding the server's key (e.g. from "
                            + "ssh-keyscan, checked out of band)"
                    : "the host key of " + refused + " does not match the known hosts file " + knownHosts.file
                            + " (option knownHostsFile): the host is not in it, or its key changed");
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no more authentication methods") || message.contains("authentication failed")
                    || message.contains("cannot log in")) {
                return Optional.of("the server did not accept the key from " + key.origin()
                        + " (is its public key in the server's authorized keys for this user?)");
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.close();
        }
    }

    /**
     * Strict checking against one known hosts file (JGit's OpenSSH reader, with {@code StrictHostKeyChecking yes}
     * whatever any config says); without a file, every host is refused. Remembers the host it refused, for the message.
     */
    private static final class KnownHosts implements ServerKeyDatabase {

        private final Path file;
        private final ServerKeyDatabase reader;
        private volatile String refused;
        private volatile String fingerprint;

        KnownHosts(Path file) {
            this.file = file;
            this.reader = file == null ? null : new OpenSshServerKeyDatabase(false, List.of(file));
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return reader == null ? List.of() : reader.lookup(connectAddress, remoteAddress, strict(config));
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration config, CredentialsProvider provider) {
            boolean known = reader != null && reader.accept(connectAddress, remoteAddress, serverKey, strict(config), null);
            if (!known) {
                refused = connectAddress;
                fingerprint = KeyUtils.getFingerPrint(serverKey);
            }
            return known;
        }

        private Configuration strict(Configuration config) {
            return new Configuration() {
                @Override
                public List<String> getUserKnownHostsFiles() {
                    return List.of(file.toString());
                }

                @Override
                public List<String> getGlobalKnownHostsFiles() {
                    return List.of();
                }

                @Override
                public StrictHostKeyChecking getStrictHostKeyChecking() {
                    return StrictHostKeyChecking.REQUIRE_MATCH;
                }

                @Override
                public boolean getHashKnownHosts() {
                    return false;
                }

                @Override
                public String getUsername() {
                    return config.getUsername();
                }
            };
        }
    }
}
