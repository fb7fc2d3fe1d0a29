using System.Reflection;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Hosting;

/// <summary>
/// <c>GET /health</c>: whether the emulator is up, for scripts and Start-AcrGeoEmulator to wait on, as Azurite and the
/// other Azure emulators offer. It needs no token and tells nothing secret (a status and the version), and it is not
/// Azure traffic, so neither the request log nor fault rules see it.
/// </summary>
static class HealthEndpoint
{
    public const string Path = "/health";

    /// <summary>The package version, without the source revision the SDK appends after '+'.</summary>
    public static string Version { get; } =
        (typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
         ?? typeof(HealthEndpoint).Assembly.GetName().Version!.ToString()).Split('+')[0];

    public static void Map(WebApplication app) =>
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], () => Results.Text(
            new JsonObject { ["status"] = "Healthy", ["version"] = Version }.ToJsonString(), "application/json; charset=utf-8"));
}
