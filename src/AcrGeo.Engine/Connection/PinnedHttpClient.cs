using System;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;

namespace AcrGeo.Connection;

/// <summary>
/// An HTTP client that trusts exactly one certificate (the emulator's, from its PEM file), pinned by thumbprint, and
/// nothing else: no certificate store, no "accept all". Used by connections and by the emulator's health probe.
/// </summary>
static class PinnedHttpClient
{
    public static HttpClient Create(string pemPath)
    {
        if (!File.Exists(pemPath))
            throw Invalid($"The certificate file '{pemPath}' does not exist.", pemPath);
        string thumbprint;
        try
        {
            const string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
            var text = File.ReadAllText(pemPath);
            var start = text.IndexOf(begin, StringComparison.Ordinal);
            var stop = start < 0 ? -1 : text.IndexOf(end, start, StringComparison.Ordinal);
            if (stop < 0) throw Invalid($"'{pemPath}' holds no PEM certificate.", pemPath);
            // A thumbprint is the SHA-1 of the certificate's DER bytes: no certificate object (and no X.509 parsing) needed.
            using var sha1 = SHA1.Create();
            thumbprint = BitConverter.ToString(sha1.ComputeHash(Convert.FromBase64String(text.Substring(start + begin.Length, stop - start - begin.Length))))
                .Replace("-", "");
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw Invalid($"The certificate file '{pemPath}' cannot be read as a PEM certificate ({e.GetType().Name}). Restart the emulator to write it again.",
                pemPath);
        }
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase),
        };
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    static AcrGeoException Invalid(string message, object target) =>
        new(ErrorIds.InvalidConnection, AcrErrorCategory.InvalidArgument, message, target);
}
