using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGeo.Emulator.Identity;

/// <summary>
/// The emulator's self-signed TLS certificate. It is made once and kept as PEM in the data directory so that
/// clients which trust it (the module by thumbprint, the Azure CLI through REQUESTS_CA_BUNDLE) keep trusting
/// it across restarts.
/// </summary>
public static class EmulatorCertificate
{
    public const string CertificateFileName = "emulator-cert.pem";
    const string KeyFileName = "emulator-key.pem";

    /// <summary>
    /// Host names the emulator answers for: loopback, and the Azure host names clients dial through it, among them each
    /// region's registry endpoints (a wildcard covers one label only, so *.azurecr.io misses name.region.geo.azurecr.io).
    /// </summary>
    public static readonly string[] DnsNames =
    [
        "localhost", "management.azure.com", "login.microsoftonline.com", "graph.microsoft.com",
        "*.vault.azure.net", "*.azurecr.io", "*.azurecontainer.io", "mcr.microsoft.com", "registry-1.docker.io",
        .. Arm.Regions.All.Select(r => $"*.{r.Name}.geo.azurecr.io"),
    ];

    public static X509Certificate2 LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            // Kept while it is valid and names every host served now; a certificate from an older emulator is replaced.
            var named = existing.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToHashSet();
            if (existing.NotAfter > DateTime.UtcNow.AddDays(1) && DnsNames.All(named.Contains))
                return Exportable(existing);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=AcrGeo Azure Emulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        foreach (var name in DnsNames) names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        // Self-signed and used directly as a trust anchor: OpenSSL (the Azure CLI) wants it marked as a CA.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false));
        var subjectKey = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(subjectKey);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKey));

        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
        WriteAtomically(certPath, created.ExportCertificatePem());
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        return Exportable(created);
    }

    // Kestrel on some platforms needs the key in a persisted/exportable form rather than an ephemeral one.
    static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);

    /// <summary>
    /// Writes a temp file and renames it over the target, so readers see the old file or the new, never half.
    /// An owner-only file is created with that mode, so a secret is never readable by others, not even briefly.
    /// </summary>
    internal static void WriteAtomically(string path, string content, bool ownerOnly = false)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temp, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            writer.Write(content);
        File.Move(temp, path, overwrite: true);
    }
}
