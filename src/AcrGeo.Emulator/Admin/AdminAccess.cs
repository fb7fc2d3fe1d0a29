using System.Net;

namespace AcrGeo.Emulator.Admin;

/// <summary>
/// Who may use the admin API: a client on this machine that addressed the emulator by a loopback name. The listener is on
/// loopback already; the address check keeps it so should the emulator ever listen wider, and the host check turns away
/// a web page that reaches 127.0.0.1 under a name of its own (DNS rebinding), and requests tunnelled in under a vault's
/// or registry's host name.
/// </summary>
public static class AdminAccess
{
    public static bool IsAllowed(IPAddress? remote, string host) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
        && host.ToLowerInvariant() is "127.0.0.1" or "localhost" or "[::1]" or "::1";
}
