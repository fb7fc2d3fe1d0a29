using System.Linq;
using System.Text.RegularExpressions;

namespace AcrGeo.Operations;

/// <summary>
/// Input rules known before any request. The patterns are constants so the cmdlets' ValidatePattern attributes
/// and the engine check the same rule.
/// </summary>
public static class NameRules
{
    /// <summary>Registries, replications and webhooks: 5 to 50 letters and digits.</summary>
    public const string ResourceNamePattern = "^[a-zA-Z0-9]{5,50}$";
    public static readonly string[] Skus = { "Basic", "Standard", "Premium" };
    public static readonly string[] WebhookActions = { "push", "delete", "quarantine", "chart_push", "chart_delete" };

    static readonly Regex ResourceName = new(ResourceNamePattern);

    public static void Registry(string name) => Check(name, ErrorIds.InvalidRegistryName, "registry");
    public static void Replica(string name) => Check(name, ErrorIds.InvalidReplicaName, "replica");
    public static void Webhook(string name) => Check(name, ErrorIds.InvalidWebhookName, "webhook");

    static void Check(string name, string errorId, string what)
    {
        if (name is null || !ResourceName.IsMatch(name))
            throw new AcrGeoException(errorId, AcrErrorCategory.InvalidArgument,
                $"'{name}' is not a valid {what} name: use 5 to 50 letters and digits (no hyphens, dots or underscores).", name);
    }

    public static string Sku(string sku) =>
        Skus.FirstOrDefault(s => s.Equals(sku, System.StringComparison.OrdinalIgnoreCase))
        ?? throw new AcrGeoException(ErrorIds.InvalidSku, AcrErrorCategory.InvalidArgument,
            $"'{sku}' is not a registry SKU; use Basic, Standard or Premium.", sku);

    /// <summary>A wait or timeout the user gave: more than nothing, at most a day.</summary>
    public static void Timeout(System.TimeSpan value, string what)
    {
        if (value <= System.TimeSpan.Zero || value > System.TimeSpan.FromDays(1))
            throw new AcrGeoException(ErrorIds.InvalidTimeout, AcrErrorCategory.InvalidArgument,
                $"{what} must be between 1 second and one day; {value.TotalSeconds} s is not.", value.TotalSeconds);
    }

    /// <summary>ARM's Enabled/Disabled switches, any casing, written as ARM writes them.</summary>
    public static string EnabledOrDisabled(string value, string what) =>
        value?.Trim().ToLowerInvariant() switch
        {
            "enabled" => "Enabled",
            "disabled" => "Disabled",
            _ => throw new AcrGeoException(ErrorIds.InvalidSetting, AcrErrorCategory.InvalidArgument,
                $"{what} must be Enabled or Disabled; '{value}' is neither.", value),
        };

    /// <summary>Regions by name or display name, any casing: "Japan East" and "japaneast" are one region.</summary>
    public static string Region(string location) =>
        new string(location.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
}
