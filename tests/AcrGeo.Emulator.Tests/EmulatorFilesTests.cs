namespace AcrGeo.Emulator.Tests;

/// <summary>The files the emulator keeps: readable by other tools, and the secret-bearing ones by their owner only.</summary>
public sealed class EmulatorFilesTests(PersistentEmulatorFixture fx) : IClassFixture<PersistentEmulatorFixture>
{
    [Fact]
    public async Task The_state_file_and_certificate_are_plain_UTF8_without_a_byte_order_mark()
    {
        await fx.GroupAsync("westus");
        foreach (var file in new[] { fx.StateFile, fx.Emulator.CertificatePath })
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{Path.GetFileName(file)} starts with a byte order mark");
        }
    }

    [Fact]
    public void The_state_file_and_the_private_key_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in new[] { fx.StateFile, Path.Combine(Path.GetDirectoryName(fx.Emulator.CertificatePath)!, "emulator-key.pem") })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}

public sealed class EmulatorCertificateTests
{
    [Fact]
    public void The_certificate_names_every_regional_registry_endpoint_and_an_older_one_is_replaced()
    {
        var directory = Path.Combine(Path.GetTempPath(), "acrgeo-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var first = Identity.EmulatorCertificate.LoadOrCreate(directory);
            var names = first.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>()
                .SelectMany(e => e.EnumerateDnsNames()).ToList();
            Assert.Contains("*.japaneast.geo.azurecr.io", names);
            Assert.Contains("*.vault.azure.net", names);
            using (var again = Identity.EmulatorCertificate.LoadOrCreate(directory))
                Assert.Equal(first.Thumbprint, again.Thumbprint);

            // A certificate that lacks a name served now (as an older emulator's would) is made anew.
            using var key = System.Security.Cryptography.ECDsa.Create();
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=old", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var old = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllText(Path.Combine(directory, Identity.EmulatorCertificate.CertificateFileName), old.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory, "emulator-key.pem"), key.ExportPkcs8PrivateKeyPem());
            using var replaced = Identity.EmulatorCertificate.LoadOrCreate(directory);
            Assert.NotEqual(old.Thumbprint, replaced.Thumbprint);
            Assert.Contains("*.japaneast.geo.azurecr.io", replaced.Extensions
                .OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
