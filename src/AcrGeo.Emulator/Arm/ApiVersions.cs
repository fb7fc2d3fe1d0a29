using System.Net;

namespace AcrGeo.Emulator.Arm;

/// <summary>
/// The api-versions one route accepts, attached to the route as metadata and checked before its handler runs.
/// A provider type answers an unknown version with NoRegisteredProviderFound, naming the location it routed by and
/// the type's versions and locations; ARM's own types with InvalidApiVersionParameter, newest version first: each in
/// ARM's exact words.
/// </summary>
public sealed class ApiVersionPolicy(string? resourceType, params string[] versions)
{
    public string? ResourceType { get; } = resourceType;
    public IReadOnlyList<string> Versions { get; } = versions;

    /// <param name="location">The location ARM routes the request by (the resource's, else its group's), asked only for the error.</param>
    public void Check(string? requested, Func<string> location)
    {
        if (string.IsNullOrEmpty(requested))
            throw ArmException.BadRequest("MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
        if (Versions.Count == 0 || Versions.Contains(requested, StringComparer.OrdinalIgnoreCase)) return;
        throw ResourceType is null
            ? ArmException.BadRequest("InvalidApiVersionParameter",
                $"The api-version '{requested}' is invalid. The supported versions are '{string.Join(",", Versions.OrderDescending(StringComparer.Ordinal))}'.")
            : new ArmException(HttpStatusCode.BadRequest, "NoRegisteredProviderFound",
                $"No registered resource provider found for location '{location()}' and API version '{requested}' for type " +
                $"'{ResourceType}'. The supported api-versions are '{string.Join(", ", Versions)}'. The supported locations are " +
                $"'{string.Join(", ", Regions.All.Select(r => r.Name))}'.");
    }
}

/// <summary>
/// The api-versions each surface accepts: every version its service publishes (azure-rest-api-specs), so that what the
/// Azure CLI, Azure PowerShell and the Azure SDKs send, old and current, is accepted.
/// </summary>
public static class ApiVersions
{
    /// <summary>Any version will do (the route answers with an error of its own); only its absence is an error.</summary>
    public static readonly ApiVersionPolicy Any = new(null);

    public static readonly ApiVersionPolicy Subscriptions = new(null,
        "2014-04-01", "2015-01-01", "2015-11-01", "2016-01-01", "2016-06-01", "2018-06-01", "2019-06-01", "2019-11-01", "2020-01-01",
        "2021-01-01", "2022-01-01", "2022-12-01");

    /// <summary>Microsoft.Resources: resource groups, providers, generic resource lists; ARM's own list as it reports it.</summary>
    public static readonly ApiVersionPolicy Resources = new(null,
        "2014-04", "2014-02-26", "2013-03-01", "2014-01-01", "2014-04-01", "2014-04-01-preview", "2015-01-01", "2015-11-01",
        "2016-02-01", "2016-06-01", "2016-07-01", "2016-09-01", "2017-03-01", "2017-05-01", "2017-05-10", "2017-06-01", "2017-08-01",
        "2017-12-01", "2018-01-01", "2018-02-01", "2018-05-01", "2018-06-01", "2018-07-01", "2018-08-01", "2018-09-01", "2018-11-01",
        "2019-03-01", "2019-05-01", "2019-05-10", "2019-06-01", "2019-07-01", "2019-08-01", "2019-09-01", "2019-10-01", "2019-11-01",
        "2020-01-01", "2020-05-01", "2020-06-01", "2020-07-01", "2020-08-01", "2020-09-01", "2020-10-01", "2021-01-01", "2021-04-01",
        "2022-01-01", "2022-03-01-preview", "2022-05-01", "2022-06-01", "2022-09-01", "2022-11-01-preview", "2022-12-01",
        "2023-03-01-preview", "2023-07-01", "2023-07-01-preview", "2024-03-01", "2024-07-01", "2024-11-01", "2025-03-01", "2025-04-01");

    /// <summary>
    /// Microsoft.ContainerRegistry: 2022-02-01-preview is what the Azure CLI 2.45 sends, 2023-01-01-preview Azure
    /// PowerShell's Az.ContainerRegistry, 2025-11-01 the current stable, 2026-01-01-preview and later the previews that
    /// bring regional endpoints.
    /// </summary>
    static readonly string[] Registry =
    [
        "2016-06-27-preview", "2017-03-01", "2017-06-01-preview", "2017-10-01", "2019-05-01", "2019-12-01-preview",
        "2020-11-01-preview", "2021-06-01-preview", "2021-08-01-preview", "2021-09-01", "2021-12-01-preview", "2022-02-01-preview",
        "2022-12-01", "2023-01-01-preview", "2023-06-01-preview", "2023-07-01", "2023-08-01-preview", "2023-11-01-preview",
        "2024-11-01-preview", "2025-03-01-preview", "2025-04-01", "2025-05-01-preview", "2025-06-01-preview", "2025-11-01",
        "2025-12-01-preview", "2026-01-01-preview", "2026-09-01-preview", "2026-11-01",
    ];

    public static ApiVersionPolicy ContainerRegistry(string type) => new(type, Registry);

    /// <summary>
    /// Microsoft.ContainerInstance: 2022-10-01-preview is what the Azure CLI 2.45 sends for <c>az container</c>; its
    /// operation status is polled with 2018-06-01.
    /// </summary>
    public static readonly string[] ContainerInstanceVersions =
    [
        "2017-08-01-preview", "2017-10-01-preview", "2017-12-01-preview", "2018-02-01-preview", "2018-04-01", "2018-06-01",
        "2018-09-01", "2018-10-01", "2019-12-01", "2020-11-01", "2021-03-01", "2021-07-01", "2021-09-01", "2021-10-01", "2022-09-01",
        "2022-10-01-preview", "2023-02-01-preview", "2023-05-01", "2024-05-01-preview", "2024-09-01-preview", "2024-10-01-preview",
        "2024-11-01-preview", "2025-09-01", "2026-05-01",
    ];

    public static ApiVersionPolicy ContainerInstance(string type) => new(type, ContainerInstanceVersions);

    /// <summary>Microsoft.Authorization role assignments; the Azure CLI lists with 2022-04-01, older tools send older ones.</summary>
    public static readonly ApiVersionPolicy RoleAssignments = new("roleAssignments",
        "2015-07-01", "2017-10-01-preview", "2018-01-01-preview", "2018-09-01-preview", "2020-03-01-preview", "2020-04-01-preview",
        "2020-08-01-preview", "2020-10-01-preview", "2022-04-01");

    /// <summary>Role definitions: the Azure CLI sends 2022-05-01-preview (role assignment list, create-for-rbac --role).</summary>
    public static readonly ApiVersionPolicy RoleDefinitions = new("roleDefinitions",
        "2015-07-01", "2018-01-01-preview", "2022-04-01", "2022-05-01-preview");
}
