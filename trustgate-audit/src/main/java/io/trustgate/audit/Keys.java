package io.trustgate.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key pair that signs checkpoints, kept next to the log: {@code signing-key.pem} (PKCS#8, owner-only
 * where the file system has POSIX permissions) and {@code public-key.pem} (X.509 SubjectPublicKeyInfo). Uses the
 * JDK's own Ed25519 (no dependency).
 */
final class Keys {
    static final String PRIVATE_FILE = "signing-key.pem";
    static final String PUBLIC_FILE = "public-key.pem";

    private Keys() {}

    /** Loads the pair in {@code dir}, generating it on first use. */
    static KeyPair loadOrCreate(Path dir) {
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(priv)) {
                KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                // Public first: a crash in between leaves no private key, so the next start makes a new pair.
                Files.writeString(pub, publicPem(kp.getPublic()), StandardCharsets.US_ASCII);
                writePrivate(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
                return kp;
            }
            PrivateKey pk = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(priv), "PRIVATE KEY")));
            PublicKey pu = readPublicPem(Files.readString(pub));
            return new KeyPair(pu, pk);
        } catch (IOException e) {
            throw new AuditException("cannot read or write the audit signing key in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AuditException("the audit signing key in " + dir + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Loads the private key alone (exports sign their trailer with it). */
    static KeyPair load(Path dir) {
        if (!Files.exists(dir.resolve(PRIVATE_FILE))) {
            throw new AuditException("no audit signing key in " + dir + " (the log was never opened)");
        }
        return loadOrCreate(dir);
    }

    private static void writePrivate(Path priv, String pem) throws IOException {
        try {
            Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(priv); // no POSIX permissions here: the directory's protection applies
        } catch (FileAlreadyExistsException e) {
            throw new AuditException("audit signing key appeared while being created: " + priv, e);
        }
        Files.writeString(priv, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String publicPem(PublicKey k) {
        return pem("PUBLIC KEY", k.getEncoded());
    }

    static PublicKey readPublicPem(String pem) {
        return publicKey(unpem(pem, "PUBLIC KEY"));
    }

    static PublicKey publicKey(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static byte[] unpem(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("not a PEM " + label);
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    static String sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(data);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] data, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
