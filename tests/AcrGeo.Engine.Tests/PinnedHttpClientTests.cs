using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AcrGeo.Connection;

namespace AcrGeo.Engine.Tests;

public sealed class PinnedHttpClientTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    string WriteFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"acrgeo-pin-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Reaches_the_emulator_with_its_certificate_even_with_text_around_the_PEM_block()
    {
        var path = WriteFile("written by the emulator\n" + File.ReadAllText(fx.Emulator.CertificatePath) + "\ntrailing text\n");
        using var client = PinnedHttpClient.Create(path);
        using var reply = await client.GetAsync(new Uri(fx.Emulator.BaseUri, "/health"));
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
    }

    [Fact]
    public async Task Refuses_the_emulator_when_pinned_to_another_certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var client = PinnedHttpClient.Create(WriteFile(other.ExportCertificatePem()));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(fx.Emulator.BaseUri, "/health")));
    }

    [Theory]
    [InlineData("no certificate here")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")]
    [InlineData("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nAAAA\n")]
    public void A_file_without_a_readable_PEM_certificate_is_refused_before_any_request(string text)
    {
        var error = Assert.Throws<AcrGeoException>(() => PinnedHttpClient.Create(WriteFile(text)));
        Assert.Equal(ErrorIds.InvalidConnection, error.ErrorId);
    }
}
