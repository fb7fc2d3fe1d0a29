using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Arm;

/// <summary>A resource type a provider serves, with the regions it is offered in.</summary>
public sealed record ProviderResourceType(string Name, bool RegionalOnlyWhereOffered, params string[] ApiVersions);

/// <summary>The resource providers the emulator serves, as <c>GET /subscriptions/{s}/providers</c> reports them.</summary>
public static class Providers
{
    static readonly Dictionary<string, ProviderResourceType[]> Catalog = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.ContainerRegistry"] =
        [
            new("registries", true, "2025-11-01", "2025-04-01", "2023-07-01", "2022-12-01", "2022-02-01-preview", "2019-05-01"),
            new("registries/replications", true, "2025-11-01", "2025-04-01", "2023-07-01", "2022-12-01", "2022-02-01-preview"),
            new("registries/webhooks", true, "2025-11-01", "2025-04-01", "2023-07-01", "2022-12-01", "2022-02-01-preview"),
            new("registries/webhooks/ping", true, "2025-11-01", "2025-04-01"),
            new("registries/listCredentials", true, "2025-11-01", "2025-04-01"),
            new("checkNameAvailability", false, "2025-11-01", "2025-04-01", "2023-07-01"),
            new("locations", false, "2025-11-01", "2025-04-01"),
            new("locations/operationResults", false, "2025-11-01", "2025-04-01"),
            new("operations", false, "2025-11-01", "2025-04-01"),
        ],
        ["Microsoft.KeyVault"] =
        [
            new("vaults", true, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01"),
            new("vaults/accessPolicies", true, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2022-07-01", "2019-09-01"),
            new("deletedVaults", false, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2022-07-01", "2019-09-01"),
            new("locations/deletedVaults", false, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2022-07-01", "2019-09-01"),
            new("locations/operationResults", false, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2022-07-01", "2019-09-01"),
            new("checkNameAvailability", false, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2022-07-01", "2019-09-01"),
            new("operations", false, "2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2022-07-01", "2019-09-01"),
        ],
        ["Microsoft.Authorization"] =
        [
            new("roleAssignments", false, "2022-04-01", "2020-04-01-preview", "2018-09-01-preview", "2018-01-01-preview", "2015-07-01"),
            new("roleDefinitions", false, "2022-04-01", "2018-01-01-preview", "2015-07-01"),
        ],
        ["Microsoft.ContainerInstance"] =
        [
            new("containerGroups", true, ApiVersions.ContainerInstanceVersions),
            new("locations", false, ApiVersions.ContainerInstanceVersions),
            new("locations/operations", false, ApiVersions.ContainerInstanceVersions),
            new("operations", false, ApiVersions.ContainerInstanceVersions),
        ],
        ["Microsoft.ManagedIdentity"] =
        [
            new("userAssignedIdentities", false, ManagedIdentity.UserAssignedIdentityEndpoints.Versions),
            new("operations", false, ManagedIdentity.UserAssignedIdentityEndpoints.Versions),
        ],
        ["Microsoft.Resources"] =
        [
            new("resourceGroups", false, "2025-04-01", "2024-11-01", "2021-04-01"),
            new("subscriptions", false, "2022-12-01", "2021-01-01"),
            new("tenants", false, "2022-12-01", "2021-01-01"),
            new("locations", false, "2022-12-01"),
        ],
    };

    public static bool IsKnown(string providerNamespace) => Catalog.ContainsKey(providerNamespace);

    public static IEnumerable<string> Namespaces => Catalog.Keys;

    /// <summary>Unknown namespaces and types under a known namespace get ARM's own error codes.</summary>
    public static ArmException UnknownType(string providerNamespace, string resourceType, string apiVersion) =>
        IsKnown(providerNamespace)
            ? new ArmException(HttpStatusCode.BadRequest, "InvalidResourceType",
                $"The resource type '{resourceType}' could not be found in the namespace '{providerNamespace}' for api version '{apiVersion}'.")
            : new ArmException(HttpStatusCode.BadRequest, "InvalidResourceNamespace",
                $"The resource namespace '{providerNamespace}' is invalid.");

    public static JsonObject ToJson(string providerNamespace, string subscriptionId)
    {
        var canonical = Catalog.Keys.First(k => k.Equals(providerNamespace, StringComparison.OrdinalIgnoreCase));
        var offered = Regions.OfferingContainerRegistry.Select(r => (JsonNode)r.DisplayName).ToArray();
        return new JsonObject
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/{canonical}",
            ["namespace"] = canonical,
            ["registrationState"] = "Registered",
            ["registrationPolicy"] = "RegistrationRequired",
            ["resourceTypes"] = new JsonArray(Catalog[canonical].Select(t => (JsonNode)new JsonObject
            {
                ["resourceType"] = t.Name,
                ["locations"] = t.RegionalOnlyWhereOffered
                    ? new JsonArray(offered.Select(o => o!.DeepClone()).ToArray())
                    : new JsonArray(),
                ["apiVersions"] = new JsonArray(t.ApiVersions.Select(v => (JsonNode)v).ToArray()),
                ["capabilities"] = t.RegionalOnlyWhereOffered ? "SupportsTags, SupportsLocation" : "None",
            }).ToArray()),
        };
    }
}
