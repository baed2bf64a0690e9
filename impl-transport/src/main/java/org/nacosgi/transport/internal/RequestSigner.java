package org.nacosgi.transport.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.spi.NacosRequest;

/**
 * The AK/SK signing step (the protocol doc, section 3), for Alibaba Cloud ACM/MSE; open-source servers ignore it.
 * Config: headers {@code Spas-AccessKey}, {@code Timestamp}, {@code Spas-Signature} = Base64(HmacSHA1(sk,
 * resource + "+" + ts)) or of ts alone for an empty resource. Naming: query parameters {@code ak},
 * {@code data} = ts@@resource (or ts) and {@code signature} = Base64(HmacSHA1(sk, data)).
 */
final class RequestSigner {
    private static final String HMAC_SHA1 = "HmacSHA1";

    private final String accessKey;
    private final SecretKeySpec key;
    private final LongSupplier clock;

    RequestSigner(String accessKey, String secretKey, LongSupplier clock) {
        this.accessKey = accessKey;
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
        this.clock = clock;
    }

    /** An if, not a switch: a switch on an enum costs a synthetic class ({@code RequestSigner$1}) in the bundle. */
    OutgoingRequest sign(OutgoingRequest out) {
        NacosRequest request = out.request();
        NacosRequest.Signing signing = request.signing();
        if (signing != NacosRequest.Signing.CONFIG && signing != NacosRequest.Signing.NAMING) {
            return out;
        }
        String ts = Long.toString(clock.getAsLong());
        String resource = request.signResource();
        if (signing == NacosRequest.Signing.CONFIG) {
            String signed = resource.isEmpty() ? ts : resource + "+" + ts;
            return out.withHeader("Spas-AccessKey", accessKey)
                    .withHeader("Timestamp", ts)
                    .withHeader("Spas-Signature", signature(signed));
        }
        String data = resource.isEmpty() ? ts : ts + "@@" + resource;
        // the official client sends these as URL parameters whatever the method
        return out.withQuery("ak", accessKey)
                .withQuery("data", data)
                .withQuery("signature", signature(data));
    }

    /** Base64(HmacSHA1(secret key, data)). */
    String signature(String data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new NacosException("cannot sign with " + HMAC_SHA1, e);
        }
    }
}
