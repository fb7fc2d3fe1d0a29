using System.Text.RegularExpressions;
using AcrGeo.Conformance.Tests.Recordings;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>
/// What kind of exchange a recorded one is (method, route with names as placeholders, status), and whether the emulator
/// serves that kind at all: its namespaces and services, nothing of the Azure services it does not emulate.
/// </summary>
public static partial class ExchangeKind
{
    /// <summary>The provider namespaces the emulator serves; a path under any other is out of its scope.</summary>
    static readonly string[] ServedNamespaces =
        ["Microsoft.ContainerRegistry", "Microsoft.ContainerInstance", "Microsoft.KeyVault", "Microsoft.Authorization"];

    /// <summary>Microsoft.Resources' own routes the emulator serves (no deployments, tags or links).</summary>
    static readonly string[] ServedCoreTypes = ["subscriptions", "tenants", "locations", "resourcegroups", "resources", "providers", "operationresults"];

    static readonly string[] NamedSegments =
    [
        "subscriptions", "resourcegroups", "locations", "tenants", "operationstatuses", "operationresults", "operations",
        "roleassignments", "roledefinitions", "applications", "serviceprincipals", "secrets", "deletedsecrets", "deleteditems",
    ];

    public enum Service { Arm, Graph, Vault, Other }

    public static Service ServiceOf(Uri uri) =>
        uri.Host.Equals("management.azure.com", StringComparison.OrdinalIgnoreCase) ? Service.Arm
        : uri.Host.Equals("graph.microsoft.com", StringComparison.OrdinalIgnoreCase) ? Service.Graph
        : uri.Host.EndsWith(".vault.azure.net", StringComparison.OrdinalIgnoreCase) ? Service.Vault
        : Service.Other;

    /// <summary>Whether the emulator serves this kind of exchange; the reason when it does not.</summary>
    public static string? OutOfScope(RecordedExchange exchange)
    {
        var segments = exchange.Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (ServiceOf(exchange.Uri))
        {
            case Service.Arm:
                for (var i = 0; i < segments.Length - 1; i++)
                    if (segments[i].Equals("providers", StringComparison.OrdinalIgnoreCase) && i + 1 < segments.Length
                        && segments[i + 1].Contains('.') && !ServedNamespaces.Contains(segments[i + 1], StringComparer.OrdinalIgnoreCase))
                        return $"{segments[i + 1]} is not emulated";
                var core = segments.Length > 2 && !segments.Contains("providers", StringComparer.OrdinalIgnoreCase)
                    ? segments.Length >= 4 && segments[2].Equals("resourcegroups", StringComparison.OrdinalIgnoreCase) && segments.Length > 4
                        ? segments[4] : segments[2]
                    : null;
                return core is null || ServedCoreTypes.Contains(core, StringComparer.OrdinalIgnoreCase) ? null : $"Microsoft.Resources/{core} is not emulated";
            case Service.Graph:
            case Service.Vault:
                return null;
            default:
                return $"{exchange.Uri.Host} is not emulated";
        }
    }

    /// <summary>"PUT arm /subscriptions/{}/resourceGroups/{}/providers/Microsoft.ContainerRegistry/registries/{} 201".</summary>
    public static string Of(RecordedExchange exchange)
    {
        var segments = exchange.Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var template = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Equals("providers", StringComparison.OrdinalIgnoreCase) && i + 1 < segments.Length)
            {
                template.Add("providers");
                template.Add(segments[++i]);
                // Below a provider, types and names alternate; a last type alone is a collection or an action.
                for (i++; i < segments.Length; i += 2)
                {
                    if (segments[i].Equals("providers", StringComparison.OrdinalIgnoreCase)) { i -= 1; break; }
                    template.Add(segments[i]);
                    if (i + 1 < segments.Length) template.Add("{}");
                }
                continue;
            }
            if (NamedSegments.Contains(segment, StringComparer.OrdinalIgnoreCase) && i + 1 < segments.Length)
            {
                template.Add(segment.ToLowerInvariant() == "resourcegroups" ? "resourceGroups" : segment);
                template.Add("{}");
                i++;
                continue;
            }
            template.Add(Opaque().IsMatch(segment) ? "{}" : segment);
        }
        var filter = exchange.Uri.Query.Contains("filter", StringComparison.OrdinalIgnoreCase) ? "?$filter" : "";
        return $"{exchange.Method} {ServiceOf(exchange.Uri).ToString().ToLowerInvariant()} /{string.Join('/', template)}{filter} {exchange.Status}";
    }

    [GeneratedRegex("^([0-9a-fA-F-]{32,36}|[0-9a-f]{32})$")]
    private static partial Regex Opaque();
}
