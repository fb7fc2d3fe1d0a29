using System;
using System.Linq;

namespace AcrGeo.Graph;

/// <summary>
/// The one place an id or a value becomes part of a Microsoft Graph URL, as <see cref="Arm.ArmPath"/> is for ARM: object
/// and application ids must be GUIDs (anything else could leave its resource), and a filter value is quoted by OData's
/// rule and escaped.
/// </summary>
sealed class GraphPath
{
    readonly string path;
    readonly string query;

    GraphPath(string path, string query = "")
    {
        this.path = path;
        this.query = query;
    }

    public static GraphPath Applications { get; } = new("/v1.0/applications");
    public static GraphPath ServicePrincipals { get; } = new("/v1.0/servicePrincipals");

    /// <summary>An application by its object id, or one of its actions (addPassword, removePassword).</summary>
    public static GraphPath Application(string objectId, string? action = null) =>
        new($"/v1.0/applications/{Id(objectId)}{(action is null ? "" : "/" + action)}");

    /// <summary>An application by its app (client) id: <c>applications(appId='...')</c>.</summary>
    public static GraphPath ApplicationByAppId(string appId) => new($"/v1.0/applications(appId='{Id(appId)}')");

    public static GraphPath ServicePrincipal(string objectId) => new($"/v1.0/servicePrincipals/{Id(objectId)}");

    /// <summary>The collection filtered on one property: <c>?$filter=property eq 'value'</c>, the value quoted and escaped.</summary>
    public GraphPath Where(string property, string value) =>
        new(path, "?$filter=" + Uri.EscapeDataString($"{property} eq '{value.Replace("'", "''")}'"));

    public static bool IsId(string? value) => value is { Length: 36 } && Guid.TryParseExact(value, "D", out _);

    static string Id(string value) =>
        IsId(value)
            ? value
            : throw new AcrGeoException(ErrorIds.InvalidPathSegment, AcrErrorCategory.InvalidArgument,
                $"'{Input.InputRules.Printable(value)}' cannot be used as a Microsoft Graph id: it is not a GUID.", value);

    /// <summary>What may be logged: the path without its query (a filter may hold a display name).</summary>
    public string PathOnly => path;

    public override string ToString() => path + query;
}
