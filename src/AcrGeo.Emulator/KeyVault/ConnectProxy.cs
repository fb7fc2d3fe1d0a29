using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>
/// An HTTP CONNECT proxy on loopback for clients that must reach Azure host names that do not resolve here (the Azure
/// CLI, through <c>HTTPS_PROXY</c>): <c>CONNECT name.vault.azure.net:443</c> (or a registry's <c>name.azurecr.io:443</c>)
/// is answered <c>200 Connection established</c> and tunnelled to the emulator's own HTTPS port, so the client's TLS
/// (SNI and Host: the Azure name) ends at the emulator. Any other request or target is refused with 403; the proxy only
/// ever connects to 127.0.0.1. Bounded: a connection limit, a deadline for the request head, an idle timeout.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    public const int MaxConnections = 64;
    static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);
    const int MaxHeadBytes = 8 * 1024;
    static readonly string[] TunnelledSuffixes = [Vaults.DnsSuffix, ".azurecr.io"];

    readonly TcpListener listener;
    readonly int targetPort;
    readonly CancellationTokenSource stopping = new();
    readonly SemaphoreSlim slots = new(MaxConnections, MaxConnections);
    readonly ConcurrentDictionary<Task, byte> connections = new();
    readonly Task acceptLoop;

    ConnectProxy(TcpListener listener, int targetPort)
    {
        this.listener = listener;
        this.targetPort = targetPort;
        acceptLoop = AcceptAsync();
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: any free port) and tunnels to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static ConnectProxy Start(int port, int targetPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new ConnectProxy(listener, targetPort);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public Uri Uri => new($"http://127.0.0.1:{Port}");

    /// <summary>Whether a CONNECT target may be tunnelled: port 443 of a vault or registry host name.</summary>
    public static bool IsAllowedTarget(string host, int port) =>
        port == 443
        && host.Length <= 253
        && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
        && TunnelledSuffixes.Any(s => host.Length > s.Length && host.EndsWith(s, StringComparison.OrdinalIgnoreCase)
                                      && host[^(s.Length + 1)] != '.');

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (!slots.Wait(0))
            {
                _ = RefuseAsync(client, "503 Service Unavailable");
                continue;
            }
            var connection = ServeAsync(client);
            connections[connection] = 0;
            _ = connection.ContinueWith(t =>
            {
                connections.TryRemove(t, out _);
                slots.Release();
            }, TaskScheduler.Default);
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        try
        {
            using var headDeadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            headDeadline.CancelAfter(HeadTimeout);
            var (head, extra) = await ReadHeadAsync(stream, headDeadline.Token);
            if (head is null)
            {
                await ReplyAsync(stream, "400 Bad Request");
                return;
            }
            var requestLine = head.Split("\r\n", 2)[0].Split(' ');
            if (requestLine is not ["CONNECT", var authority, var version] || !version.StartsWith("HTTP/1.", StringComparison.Ordinal)
                || !TrySplitAuthority(authority, out var host, out var port) || !IsAllowedTarget(host, port))
            {
                await ReplyAsync(stream, "403 Forbidden");
                return;
            }

            using var upstream = new TcpClient { NoDelay = true };
            try
            {
                using var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                connectDeadline.CancelAfter(HeadTimeout);
                await upstream.ConnectAsync(IPAddress.Loopback, targetPort, connectDeadline.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                await ReplyAsync(stream, "502 Bad Gateway");
                return;
            }
            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping.Token);
            var target = upstream.GetStream();
            if (extra.Length > 0) await target.WriteAsync(extra, stopping.Token);
            await TunnelAsync(stream, target);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A peer went away or the proxy is stopping: the tunnel simply ends.
        }
    }

    /// <summary>Reads up to the blank line that ends the request head; bytes after it belong to the tunnel.</summary>
    static async Task<(string? Head, byte[] Extra)> ReadHeadAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellation);
            if (read == 0) return (null, []);
            filled += read;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.ASCII.GetString(buffer, 0, end), buffer[(end + 4)..filled]);
        }
        return (null, []);
    }

    static bool TrySplitAuthority(string authority, out string host, out int port)
    {
        var colon = authority.LastIndexOf(':');
        host = colon > 0 ? authority[..colon] : "";
        port = 0;
        return colon > 0 && int.TryParse(authority[(colon + 1)..], out port);
    }

    /// <summary>Copies both ways until either side closes, the proxy stops, or nothing moves for the idle timeout.</summary>
    async Task TunnelAsync(NetworkStream client, NetworkStream upstream)
    {
        using var tunnel = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var lastActivity = Environment.TickCount64;
        var toUpstream = PumpAsync(client, upstream);
        var toClient = PumpAsync(upstream, client);
        var watchdog = WatchAsync();
        await Task.WhenAny(toUpstream, toClient);
        await tunnel.CancelAsync();
        await Task.WhenAll(Quietly(toUpstream), Quietly(toClient), Quietly(watchdog));

        async Task PumpAsync(NetworkStream from, NetworkStream to)
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await from.ReadAsync(buffer, tunnel.Token)) > 0)
            {
                Interlocked.Exchange(ref lastActivity, Environment.TickCount64);
                await to.WriteAsync(buffer.AsMemory(0, read), tunnel.Token);
            }
        }

        async Task WatchAsync()
        {
            while (!tunnel.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), tunnel.Token);
                if (Environment.TickCount64 - Interlocked.Read(ref lastActivity) > IdleTimeout.TotalMilliseconds)
                    await tunnel.CancelAsync();
            }
        }
    }

    static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    static async Task RefuseAsync(TcpClient client, string status)
    {
        using var _ = client;
        try
        {
            await ReplyAsync(client.GetStream(), status);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
        }
    }

    static async Task ReplyAsync(NetworkStream stream, string status)
    {
        var reply = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var deadline = new CancellationTokenSource(HeadTimeout);
        await stream.WriteAsync(reply, deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await Quietly(acceptLoop);
        await Task.WhenAll(connections.Keys.Select(Quietly));
        // The slots are not disposed: a finished connection's continuation may still release one.
        stopping.Dispose();
    }
}
