using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// The emulator as a program, as the .NET tool and Start-AcrGeoEmulator run it: what it prints, the connection file,
/// its exit codes, and its tie to an owner process.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "acrgeo-program-" + Guid.NewGuid().ToString("N"));
    readonly List<Process> started = [];

    string ConnectionFile => Path.Combine(dataDirectory, "connection.json");

    Process Start(params string[] arguments)
    {
        // The emulator assembly beside the tests, run by the same dotnet host that runs them.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(Hosting.AzureEmulator).Assembly.Location);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        started.Add(process);
        return process;
    }

    async Task WaitForConnectionFileAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(ConnectionFile))
        {
            if (process.HasExited) Assert.Fail($"The emulator exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
            Assert.True(DateTime.UtcNow < deadline, "No connection.json in time.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Prints_its_facts_but_no_credential_which_only_the_owner_readable_connection_file_holds()
    {
        var process = Start("--port", "0", "--data-dir", dataDirectory);
        await WaitForConnectionFileAsync(process);
        var connection = JsonNode.Parse(await File.ReadAllTextAsync(ConnectionFile))!;
        process.Kill();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();

        var secret = (string)connection["clientSecret"]!;
        var identityHeader = (string)connection["identityHeader"]!;
        Assert.True(secret.Length >= 16 && identityHeader.Length >= 16);
        Assert.DoesNotContain(secret, output);
        Assert.DoesNotContain(identityHeader, output);
        Assert.Contains($"baseUrl={connection["baseUrl"]}", output);
        Assert.Contains($"clientId={connection["clientId"]}", output);
        Assert.Contains($"connection={ConnectionFile}", output);
        Assert.Equal($"{connection["baseUrl"]}/msi/token", (string?)connection["identityEndpoint"]);
        Assert.Equal(process.Id, (int)connection["processId"]!);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConnectionFile));
    }

    [Fact]
    public async Task Exits_with_3_and_says_so_when_its_port_is_in_use()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var process = Start("--port", port.ToString(), "--data-dir", dataDirectory);
        await process.WaitForExitAsync(new CancellationTokenSource(StartTimeout).Token);

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("in use", await process.StandardError.ReadToEndAsync());
        Assert.False(File.Exists(ConnectionFile));
    }

    [Fact]
    public async Task Exits_with_2_on_a_bad_command_line()
    {
        var process = Start("--port", "many");
        await process.WaitForExitAsync(new CancellationTokenSource(StartTimeout).Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--port", await process.StandardError.ReadToEndAsync());
    }

    [Fact]
    public async Task Stops_and_removes_its_connection_file_when_its_owner_process_ends()
    {
        // Any long-running process can own it; another emulator is one at hand on every platform.
        var owner = Start("--port", "0", "--data-dir", Path.Combine(dataDirectory, "owner"));
        var process = Start("--port", "0", "--data-dir", dataDirectory, "--owner-pid", owner.Id.ToString());
        await WaitForConnectionFileAsync(process);
        Assert.False(process.HasExited);

        owner.Kill();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(0, process.ExitCode);
        Assert.False(File.Exists(ConnectionFile));
    }

    public void Dispose()
    {
        foreach (var process in started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }
}
