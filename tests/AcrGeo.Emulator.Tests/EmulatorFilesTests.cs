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
