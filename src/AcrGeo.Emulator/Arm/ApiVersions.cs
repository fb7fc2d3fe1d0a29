using System.Net;

namespace AcrGeo.Emulator.Arm;

/// <summary>
/// The api-versions one route accepts, attached to the route as metadata and checked before its handler runs.
/// A provider type answers an unknown version with NoRegisteredProviderFound, ARM's own types with
/// InvalidApiVersionParameter, as Azure does.
/// </summary>
public sealed class ApiVersionPolicy(string? resourceType, params string[] versions)
{
    public string? ResourceType { get; } = resourceType;
    public IReadOnlyList<string> Versions { get; } = versions;

    public void Check(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
            throw ArmException.BadRequest("MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
        if (Versions.Count == 0 || Versions.Contains(requested, StringComparer.OrdinalIgnoreCase)) return;
        var supported = string.Join(", ", Versions);
        throw ResourceType is null
            ? ArmException.BadRequest("InvalidApiVersionParameter",
                $"The api-version '{requested}' is invalid. The supported versions are '{supported}'.")
            : new ArmException(HttpStatusCode.BadRequest, "NoRegisteredProviderFound",
                $"No registered resource provider found for API version '{requested}' and type '{ResourceType}'. " +
                $"The supported api-versions are '{supported}'.");
    }
}

/// <summary>The api-versions each surface accepts: the current stable ones and those real clients still send.</summary>
public static class ApiVersions
{
    /// <summary>Any version will do (the route answers with an error of its own); only its absence is an error.</summary>
    public static readonly ApiVersionPolicy Any = new(null);

    public static readonly ApiVersionPolicy Subscriptions = new(null,
        "2016-06-01", "2019-06-01", "2019-11-01", "2020-01-01", "2021-01-01", "2022-01-01", "2022-12-01");

    // 2015-11-01: Key Vault's Vaults_List (what `az keyvault show/delete/list` without -g send) is this list, pinned to it.
    public static readonly ApiVersionPolicy Resources = new(null,
        "2015-11-01", "2019-10-01", "2020-06-01", "2020-10-01", "2021-01-01", "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01",
        "2024-07-01", "2024-11-01", "2025-03-01", "2025-04-01");

    static readonly string[] Registry =
    [
        "2017-10-01", "2019-05-01", "2019-12-01-preview", "2020-11-01-preview", "2021-06-01-preview",
        "2021-08-01-preview", "2021-09-01", "2021-12-01-preview", "2022-02-01-preview", "2022-12-01",
        "2023-01-01-preview", "2023-06-01-preview", "2023-07-01", "2023-08-01-preview", "2023-11-01-preview",
        "2024-11-01-preview", "2025-03-01-preview", "2025-04-01", "2025-05-01-preview", "2025-11-01",
        // Previews with regional endpoints (regionalEndpoints from 2026-09-01-preview on).
        "2026-01-01-preview", "2026-09-01-preview",
    ];

    public static ApiVersionPolicy ContainerRegistry(string type) => new(type, Registry);

    // 2022-10-01-preview: what the Azure CLI 2.45 sends for `az container`.
    public static readonly string[] ContainerInstanceVersions =
        ["2021-10-01", "2022-10-01-preview", "2023-05-01", "2025-09-01", "2026-05-01"];

    public static ApiVersionPolicy ContainerInstance(string type) => new(type, ContainerInstanceVersions);
}
