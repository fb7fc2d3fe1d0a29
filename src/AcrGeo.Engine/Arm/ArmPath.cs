using System;
using System.Linq;
using System.Text;

namespace AcrGeo.Arm;

/// <summary>
/// An ARM request path, built segment by segment: the one place where a name or id becomes part of a URL. Each
/// segment is refused when it could reach outside its resource (empty, "." or "..", a slash, backslash, '?', '#',
/// '%' or a control character) and is escaped otherwise. The input rules give users a specific error first; this is
/// the last guard, so a rule that forgets a character still cannot turn a name into another resource's path.
/// </summary>
sealed class ArmPath
{
    readonly string path;
    readonly string query;

    ArmPath(string path, string query)
    {
        this.path = path;
        this.query = query;
    }

    public static ArmPath Subscription(string subscriptionId) => new("/subscriptions/" + Segment(subscriptionId, "subscription id"), "");

    /// <summary>ARM's root, where tenant-wide APIs live: the subscription list, Resource Graph.</summary>
    public static ArmPath Tenant { get; } = new("", "");

    /// <summary>A path from a resource id that ARM returned, each of its segments checked and escaped like any other.</summary>
    public static ArmPath FromResourceId(string resourceId)
    {
        var segments = (resourceId ?? "").Split('/');
        if (segments.Length < 3 || segments[0].Length != 0 || !segments[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            throw Refused(resourceId ?? "", "resource id", "it does not start with /subscriptions/");
        return new ArmPath(string.Concat(segments.Skip(1).Select(s => "/" + Segment(s, "resource id segment"))), "");
    }

    public ArmPath ResourceGroup(string name) => Append("resourceGroups", name, "resource group name");

    /// <summary>A provider's resource type and name: <c>/providers/{ns}/{type}/{name}</c>.</summary>
    public ArmPath Provider(string providerNamespace, string type, string name) =>
        new(path + "/providers/" + Segment(providerNamespace, "provider") + "/" + Segment(type, "resource type") + "/" +
            Segment(name, type + " name"), query);

    /// <summary>A provider's collection or action at this scope: <c>/providers/{ns}/{type}</c>.</summary>
    public ArmPath Provider(string providerNamespace, string type) =>
        new(path + "/providers/" + Segment(providerNamespace, "provider") + "/" + Segment(type, "resource type"), query);

    /// <summary>A child resource (<c>/replications/eastus</c>) or, with no name, a collection or action (<c>/importImage</c>).</summary>
    public ArmPath Child(string type, string? name = null) =>
        name is null ? new(path + "/" + Segment(type, "resource type"), query) : Append(type, name, type + " name");

    /// <summary>Adds a query parameter: the name is the caller's constant (<c>$filter</c>), the value is escaped.</summary>
    public ArmPath Query(string name, string value) =>
        new(path, query + (query.Length == 0 ? "?" : "&") + name + "=" + Uri.EscapeDataString(value));

    ArmPath Append(string type, string name, string what) => new(path + "/" + Segment(type, "resource type") + "/" + Segment(name, what), query);

    /// <summary>The escaped path with its query, relative to the ARM endpoint.</summary>
    public override string ToString() => path + query;

    /// <summary>The escaped path without its query: what may be logged.</summary>
    public string PathOnly => path;

    public override bool Equals(object? obj) => obj is ArmPath other && string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    static string Segment(string value, string what)
    {
        if (string.IsNullOrEmpty(value)) throw Refused(value ?? "", what, "it is empty");
        if (value is "." or "..") throw Refused(value, what, "it is a relative path segment");
        foreach (var c in value)
            if (c is '/' or '\\' or '?' or '#' or '%' || char.IsControl(c))
                throw Refused(value, what, $"it holds {Describe(c)}, which would change the request's path");
        return Uri.EscapeDataString(value);
    }

    static string Describe(char c) => char.IsControl(c) ? $"the control character U+{(int)c:X4}" : $"'{c}'";

    static AcrGeoException Refused(string value, string what, string why) =>
        new(ErrorIds.InvalidPathSegment, AcrErrorCategory.InvalidArgument,
            $"'{Printable(value)}' cannot be used as a {what}: {why}.", value);

    /// <summary>The value with control characters shown as escapes, so an error message never carries them raw.</summary>
    internal static string Printable(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return text.ToString();
    }
}
