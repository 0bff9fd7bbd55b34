package dev.docket.identity.local;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local keys: RSA for signing tokens (what an identity provider would hold), Ed25519 for signing audit
 * checkpoints and an AES-256 key that wraps people's data keys (both what an operator keeps away from the database).
 * Kept as base64 files in a directory that only the owner can read, created on first use.
 *
 * @param token         signs and verifies local bearer tokens
 * @param checkpoint    signs and verifies audit checkpoints
 * @param keyEncryption wraps each person's data key in the command service's database
 */
public record LocalKeys(KeyPair token, KeyPair checkpoint, SecretKey keyEncryption) {

    private static final String TOKEN_FILE = "token-signing";
    private static final String CHECKPOINT_FILE = "checkpoint-signing";
    private static final String KEY_ENCRYPTION_FILE = "key-encryption.key";

    /** Fresh keys held only in memory, for tests. */
    public static LocalKeys generate() {
        return new LocalKeys(generate("RSA", 2048), generate("Ed25519", 0), newKeyEncryptionKey());
    }

    /** The keys in {@code directory}, created there (readable by the owner only) if missing. */
    public static LocalKeys loadOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            restrict(directory, "rwx------");
            return new LocalKeys(loadOrCreate(directory, TOKEN_FILE, "RSA", 2048),
                    loadOrCreate(directory, CHECKPOINT_FILE, "Ed25519", 0), loadOrCreateSecret(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep local keys in " + directory, e);
        }
    }

    public RSAPrivateKey tokenPrivateKey() {
        return (RSAPrivateKey) token.getPrivate();
    }

    public RSAPublicKey tokenPublicKey() {
        return (RSAPublicKey) token.getPublic();
    }

    /** The token verification key as the services take it: base64 of its X.509 encoding. */
    public String tokenPublicKeyBase64() {
        return encode(token.getPublic());
    }

    /** The token signing key as the console's local sign-in takes it: base64 of its PKCS#8 encoding. */
    public String tokenPrivateKeyBase64() {
        return Base64.getEncoder().encodeToString(token.getPrivate().getEncoded());
    }

    /** The checkpoint signing key as the command service takes it: base64 of its PKCS#8 encoding. */
    public String checkpointPrivateKeyBase64() {
        return Base64.getEncoder().encodeToString(checkpoint.getPrivate().getEncoded());
    }

    /** The checkpoint verification key: base64 of its X.509 encoding. */
    public String checkpointPublicKeyBase64() {
        return encode(checkpoint.getPublic());
    }

    /** The key-encryption key as the command service takes it: base64 of its 32 bytes. */
    public String keyEncryptionKeyBase64() {
        return Base64.getEncoder().encodeToString(keyEncryption.getEncoded());
    }

    private static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static KeyPair loadOrCreate(Path directory, String name, String algorithm, int size) throws IOException {
        Path privateFile = directory.resolve(name + ".key");
        Path publicFile = directory.resolve(name + ".pub");
        if (!Files.exists(privateFile)) {
            KeyPair pair = generate(algorithm, size);
            write(privateFile, pair.getPrivate().getEncoded());
            write(publicFile, pair.getPublic().getEncoded());
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(read(privateFile)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(read(publicFile)));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local key " + privateFile + " is unreadable; delete "
                    + name + ".key and " + name + ".pub to have new ones made", e);
        }
    }

    private static SecretKey loadOrCreateSecret(Path directory) throws IOException {
        Path file = directory.resolve(KEY_ENCRYPTION_FILE);
        if (!Files.exists(file)) {
            write(file, newKeyEncryptionKey().getEncoded());
        }
        byte[] key = read(file);
        if (key.length != 32) {
            throw new IllegalStateException("the local key " + file + " is not 32 bytes; it wraps every person's data "
                    + "key, so replacing it makes their personal data unreadable");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static SecretKey newKeyEncryptionKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make AES-256 keys", e);
        }
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make " + algorithm + " keys", e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        return Base64.getMimeDecoder().decode(Files.readString(file).trim());
    }

    private static void write(Path file, byte[] der) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        restrict(temporary, "rw-------");
        Files.writeString(temporary, Base64.getMimeEncoder().encodeToString(der) + "\n");
        try {
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(temporary);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): the user's profile directory protects it
        }
    }
}
