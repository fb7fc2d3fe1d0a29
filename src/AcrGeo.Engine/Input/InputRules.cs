using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AcrGeo.Input;

/// <summary>
/// The one input layer: a rule per kind of value, each by the service's documented limits, each refusing with its own
/// <c>AcrGeo.Invalid*</c> id and a message that says what is allowed. The operations call these before any request; the
/// cmdlets keep no patterns or ranges of their own (closed sets stay enums or ValidateSet). Checks are written as
/// character tests rather than regular expressions, so no trailing newline can slip past an end-of-line anchor.
/// </summary>
public static class InputRules
{
    /// <summary>The registry SKUs; the cmdlets' ValidateSet lists the same three.</summary>
    public static readonly IReadOnlyList<string> Skus = new[] { "Basic", "Standard", "Premium" };
    public static readonly IReadOnlyList<string> WebhookActions = new[] { "push", "delete", "quarantine", "chart_push", "chart_delete" };
    public static readonly IReadOnlyList<string> OsTypes = new[] { "Linux", "Windows" };
    public static readonly IReadOnlyList<string> RestartPolicies = new[] { "Always", "OnFailure", "Never" };
    public const int MaxTags = 50;
    public const int MaxTagNameLength = 512;
    public const int MaxTagValueLength = 256;
    public const double MinCpu = 0.1, MaxCpu = 4, MinMemoryInGb = 0.1, MaxMemoryInGb = 16;
    /// <summary>Passwords live at least an hour and at most two years (Entra ID allows longer; shorter rotation is the point).</summary>
    public static readonly TimeSpan MinPasswordLifetime = TimeSpan.FromHours(1), MaxPasswordLifetime = TimeSpan.FromDays(730);

    const string TagForbidden = "<>%&\\?/";

    // ----- Container Registry: registries, replications and webhooks share ACR's rule.

    public static string RegistryName(string? name) => AcrName(name, ErrorIds.InvalidRegistryName, "registry");
    public static string ReplicaName(string? name) => AcrName(name, ErrorIds.InvalidReplicaName, "replica");
    public static string WebhookName(string? name) => AcrName(name, ErrorIds.InvalidWebhookName, "webhook");

    static string AcrName(string? name, string errorId, string what) =>
        name is { Length: >= 5 and <= 50 } && name.All(IsAsciiLetterOrDigit)
            ? name
            : throw Invalid(errorId, name, $"is not a valid {what} name: use 5 to 50 letters a-z, A-Z and digits 0-9 " +
                                           "(no hyphens, dots, underscores, spaces or other characters)");

    public static string Sku(string? sku) =>
        Skus.FirstOrDefault(s => s.Equals(sku, StringComparison.OrdinalIgnoreCase))
        ?? throw Invalid(ErrorIds.InvalidSku, sku, "is not a registry SKU: use Basic, Standard or Premium");

    // ----- Azure Resource Manager.

    /// <summary>ARM's rule: 1 to 90 Unicode letters and digits, underscores, parentheses, hyphens and periods, not ending in a period.</summary>
    public static string ResourceGroupName(string? name)
    {
        const string allowed = "use 1 to 90 characters: letters, digits, underscores, parentheses, hyphens and periods, not ending " +
                               "in a period";
        if (string.IsNullOrEmpty(name) || name!.Length > 90 || name.EndsWith(".", StringComparison.Ordinal))
            throw Invalid(ErrorIds.InvalidResourceGroupName, name, $"is not a valid resource group name: {allowed}");
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsLetterOrDigit(name, i) || "_()-.".IndexOf(name[i]) >= 0)
            {
                if (char.IsSurrogatePair(name, i)) i++;
                continue;
            }
            throw Invalid(ErrorIds.InvalidResourceGroupName, name,
                $"is not a valid resource group name: it holds {Describe(name, i)}; {allowed}");
        }
        return name;
    }

    /// <summary>
    /// A region as ARM takes it, by name ("japaneast") or display name ("Japan East"): letters, digits and spaces, up to
    /// 64. Returns the name form; whether the subscription knows the region is the catalogue's question.
    /// </summary>
    public static string RegionName(string? location)
    {
        if (string.IsNullOrWhiteSpace(location) || location!.Length > 64 || !location.All(c => IsAsciiLetterOrDigit(c) || c == ' '))
            throw Invalid(ErrorIds.InvalidRegionName, location,
                "is not a region name: use a name such as westus or japaneast, or a display name such as 'Japan East' " +
                "(letters, digits and spaces); Get-AcrRegion lists them");
        return new string(location.Where(c => c != ' ').ToArray()).ToLowerInvariant();
    }

    /// <summary>A region name the service gave (a resource's location, a catalogue entry) in the name form; not input, so not refused.</summary>
    public static string NormalizeRegion(string? location) =>
        new string((location ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();

    /// <summary>ARM's tag limits: at most 50; names 1 to 512 characters without &lt; &gt; % &amp; \ ? /; values up to 256.</summary>
    public static IDictionary<string, string>? Tags(IDictionary<string, string>? tags)
    {
        if (tags is null) return null;
        if (tags.Count > MaxTags)
            throw Invalid(ErrorIds.InvalidTag, $"{tags.Count} tags", $"are too many: a resource holds at most {MaxTags} tags");
        foreach (var tag in tags)
        {
            var refused = tag.Key?.IndexOfAny(TagForbidden.ToCharArray()) ?? -1;
            if (refused < 0 && tag.Key is not null) refused = tag.Key.ToList().FindIndex(char.IsControl);
            var problem = string.IsNullOrEmpty(tag.Key) ? "the tag name is empty"
                : tag.Key!.Length > MaxTagNameLength ? $"the tag name is longer than {MaxTagNameLength} characters"
                : refused >= 0 ? $"the tag name holds {Describe(tag.Key, refused)}"
                : (tag.Value ?? "").Length > MaxTagValueLength ? $"the tag value is longer than {MaxTagValueLength} characters"
                : null;
            if (problem is not null)
                throw Invalid(ErrorIds.InvalidTag, tag.Key, $"is not a valid tag: {problem}. Tag names are 1 to {MaxTagNameLength} " +
                    $"characters without < > % & \\ ? / or control characters; values are at most {MaxTagValueLength} characters");
        }
        return tags;
    }

    // ----- Key Vault and Microsoft Entra ID.

    /// <summary>Key Vault's rule: 3 to 24 letters, digits and hyphens; a letter first; a letter or digit last; no "--".</summary>
    public static string VaultName(string? name) =>
        name is { Length: >= 3 and <= 24 } && IsAsciiLetter(name[0]) && IsAsciiLetterOrDigit(name[name.Length - 1])
        && name.All(c => IsAsciiLetterOrDigit(c) || c == '-') && name.IndexOf("--", StringComparison.Ordinal) < 0
            ? name
            : throw Invalid(ErrorIds.InvalidVaultName, name, "is not a valid key vault name: use 3 to 24 letters, digits and hyphens, " +
                                                            "starting with a letter, ending with a letter or digit, with no two hyphens in a row");

    /// <summary>How far ahead a sweep looks for expiring passwords: not negative, at most ten years (no date arithmetic can overflow).</summary>
    public static TimeSpan ExpiryWindow(TimeSpan window) =>
        window >= TimeSpan.Zero && window <= TimeSpan.FromDays(3653)
            ? window
            : throw Invalid(ErrorIds.InvalidExpiryWindow, window.ToString("c", CultureInfo.InvariantCulture),
                "is not a valid -ExpiringWithin: give how far ahead to look, from 0 to ten years (such as 30.00:00:00)");

    /// <summary>A user-assigned managed identity's name: 3 to 128 ASCII letters, digits, hyphens and underscores, a letter or digit first.</summary>
    public static string IdentityName(string? name) =>
        name is { Length: >= 3 and <= 128 } && IsAsciiLetterOrDigit(name[0]) && name.All(c => IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? name
            : throw Invalid(ErrorIds.InvalidIdentityName, name, "is not a managed identity name: use 3 to 128 letters, digits, hyphens " +
                                                               "and underscores, starting with a letter or digit");

    /// <summary>An application's display name: 1 to 256 characters, not only spaces, no control characters.</summary>
    public static string DisplayName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name!.Length <= 256 && !name.Any(char.IsControl)
            ? name
            : throw Invalid(ErrorIds.InvalidDisplayName, name,
                "is not a valid display name: use 1 to 256 characters, not only spaces, with no control characters such as line breaks");

    /// <summary>
    /// When a new password expires, from -ExpiresIn or -EndDate (or a year from now): between an hour and two years
    /// ahead. Checked on the span before any date arithmetic, so no span or date can overflow.
    /// </summary>
    public static DateTimeOffset PasswordExpiry(TimeSpan? expiresIn, DateTime? endDate, DateTimeOffset now)
    {
        const string allowed = "a password must expire between an hour and two years from now";
        if (expiresIn is { } span)
        {
            if (span < MinPasswordLifetime || span > MaxPasswordLifetime)
                throw Invalid(ErrorIds.InvalidExpiry, span.ToString("c", CultureInfo.InvariantCulture), $"is not a valid lifetime: {allowed}");
            return now + span;
        }
        if (endDate is { } date)
        {
            // ToUniversalTime clamps at the ends of the calendar instead of throwing, as an offset could.
            var end = new DateTimeOffset(DateTime.SpecifyKind(date.Kind == DateTimeKind.Utc ? date : date.ToUniversalTime(), DateTimeKind.Utc));
            if (end < now + MinPasswordLifetime || end > now + MaxPasswordLifetime)
                throw Invalid(ErrorIds.InvalidExpiry, end.UtcDateTime.ToString("u", CultureInfo.InvariantCulture), $"is not a valid end date: {allowed}");
            return end;
        }
        return now.AddYears(1);
    }

    // ----- Container Instances.

    /// <summary>ACI's rule: 1 to 63 lowercase letters, digits and single hyphens, not starting or ending with a hyphen.</summary>
    public static string ContainerGroupName(string? name) =>
        IsDnsishLabel(name, 1, 63, letterFirst: false)
            ? name!
            : throw Invalid(ErrorIds.InvalidContainerGroupName, name, "is not a valid container group name: use 1 to 63 lowercase " +
                                                                    "letters, digits and single hyphens, not starting or ending with a hyphen");

    /// <summary>A container in a group: the same rule as the group's name.</summary>
    public static string ContainerName(string? name) =>
        IsDnsishLabel(name, 1, 63, letterFirst: false)
            ? name!
            : throw Invalid(ErrorIds.InvalidContainerName, name, "is not a valid container name: use 1 to 63 lowercase letters, digits " +
                                                               "and single hyphens, not starting or ending with a hyphen");

    /// <summary>ACI's DNS name label: 5 to 63 lowercase letters, digits and hyphens, a letter first, a letter or digit last.</summary>
    public static string DnsNameLabel(string? label) =>
        IsDnsishLabel(label, 5, 63, letterFirst: true)
            ? label!
            : throw Invalid(ErrorIds.InvalidDnsNameLabel, label, "is not a valid DNS name label: use 5 to 63 lowercase letters, digits " +
                                                               "and single hyphens, starting with a letter and ending with a letter or digit");

    static bool IsDnsishLabel(string? value, int min, int max, bool letterFirst) =>
        value is not null && value.Length >= min && value.Length <= max
        && (letterFirst ? IsLowerAsciiLetter(value[0]) : IsLowerAsciiLetterOrDigit(value[0]))
        && IsLowerAsciiLetterOrDigit(value[value.Length - 1])
        && value.All(c => IsLowerAsciiLetterOrDigit(c) || c == '-') && value.IndexOf("--", StringComparison.Ordinal) < 0;

    /// <summary>Ports 1 to 65535, at least one, none twice.</summary>
    public static IReadOnlyList<int> Ports(IReadOnlyList<int>? ports)
    {
        if (ports is null || ports.Count == 0) throw Invalid(ErrorIds.InvalidPort, "(none)", "is not allowed: give at least one port");
        foreach (var port in ports)
            if (port is < 1 or > 65535)
                throw Invalid(ErrorIds.InvalidPort, port.ToString(CultureInfo.InvariantCulture), "is not a port: use 1 to 65535");
        var twice = ports.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw Invalid(ErrorIds.InvalidPort, twice.Key.ToString(CultureInfo.InvariantCulture), "is given twice: name each port once");
        return ports;
    }

    public static double Cpu(double cpu) =>
        !double.IsNaN(cpu) && cpu >= MinCpu && cpu <= MaxCpu
            ? cpu
            : throw Invalid(ErrorIds.InvalidCpu, cpu.ToString(CultureInfo.InvariantCulture),
                $"is not a CPU request Container Instances takes: use {MinCpu} to {MaxCpu} cores");

    public static double MemoryInGb(double memory) =>
        !double.IsNaN(memory) && memory >= MinMemoryInGb && memory <= MaxMemoryInGb
            ? memory
            : throw Invalid(ErrorIds.InvalidMemory, memory.ToString(CultureInfo.InvariantCulture),
                $"is not a memory request Container Instances takes: use {MinMemoryInGb} to {MaxMemoryInGb} GB");

    /// <summary>
    /// Environment variable names as a shell and both OS types take them: letters, digits and underscores, not starting
    /// with a digit, up to 256; each name once, in either table.
    /// </summary>
    public static void EnvironmentVariableNames(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 256 || IsAsciiDigit(name[0]) || !name.All(c => IsAsciiLetterOrDigit(c) || c == '_'))
                throw Invalid(ErrorIds.InvalidEnvironmentVariableName, name, "is not a valid environment variable name: use letters, " +
                                                                              "digits and underscores, not starting with a digit, at most 256");
            if (!seen.Add(name))
                throw Invalid(ErrorIds.InvalidEnvironmentVariableName, name, "is given twice (names are compared without case): give each once");
        }
    }

    public static string OsType(string? osType) =>
        OsTypes.FirstOrDefault(o => o.Equals(osType, StringComparison.OrdinalIgnoreCase))
        ?? throw Invalid(ErrorIds.InvalidOsType, osType, "is not an OS type: use Linux or Windows");

    public static string RestartPolicy(string? policy) =>
        RestartPolicies.FirstOrDefault(p => p.Equals(policy, StringComparison.OrdinalIgnoreCase))
        ?? throw Invalid(ErrorIds.InvalidRestartPolicy, policy, "is not a restart policy: use Always, OnFailure or Never");

    // ----- Webhooks.

    public static Uri WebhookServiceUri(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? uri
            // The URI may hold a key: the message never repeats it.
            : throw new AcrGeoException(ErrorIds.InvalidWebhookUri, AcrErrorCategory.InvalidArgument,
                "The service URI must be an absolute http or https URL with a host name.", null);

    public static IReadOnlyList<string> WebhookActionList(IReadOnlyList<string>? actions)
    {
        if (actions is null || actions.Count == 0)
            throw Invalid(ErrorIds.InvalidWebhookAction, "(none)", $"is not allowed: give one or more of {string.Join(", ", WebhookActions)}");
        foreach (var action in actions)
            if (!WebhookActions.Contains(action))
                throw Invalid(ErrorIds.InvalidWebhookAction, action, $"is not a webhook action: use {string.Join(", ", WebhookActions)}");
        return actions;
    }

    /// <summary>A webhook's scope ("repository:tag", wildcards allowed): printable characters only, up to 256.</summary>
    public static string? WebhookScope(string? scope) =>
        scope is null || (scope.Length <= 256 && !scope.Any(char.IsControl) && !scope.Any(char.IsWhiteSpace))
            ? scope
            : throw Invalid(ErrorIds.InvalidWebhookScope, scope, "is not a webhook scope: use repository:tag (wildcards allowed), " +
                                                               "at most 256 characters, without spaces or control characters");

    /// <summary>
    /// Custom headers sent with each event: names are HTTP tokens, values hold no line breaks or other control characters
    /// (which would add headers of their own). A value is never repeated in a message: it is often a credential.
    /// </summary>
    public static IDictionary<string, string>? WebhookHeaders(IDictionary<string, string>? headers)
    {
        if (headers is null) return null;
        foreach (var header in headers)
        {
            if (string.IsNullOrEmpty(header.Key) || header.Key.Length > 256 || !header.Key.All(IsHttpTokenChar))
                throw Invalid(ErrorIds.InvalidWebhookHeader, header.Key, "is not a header name: use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~, " +
                                                                      "at most 256 characters");
            if ((header.Value ?? "").Any(c => char.IsControl(c) && c != '\t') || (header.Value ?? "").Length > 4096)
                throw new AcrGeoException(ErrorIds.InvalidWebhookHeader, AcrErrorCategory.InvalidArgument,
                    $"The value of header '{Printable(header.Key)}' holds a line break or another control character, or is longer than " +
                    "4096 characters; a header value is one line of printable text.", header.Key);
        }
        return headers;
    }

    // ----- Connection settings.

    public static string SubscriptionId(string? id) => Guid(id, ErrorIds.InvalidSubscriptionId, "subscription id");
    public static string TenantId(string? id) => Guid(id, ErrorIds.InvalidTenantId, "tenant id");
    public static string ClientId(string? id) => Guid(id, ErrorIds.InvalidClientId, "client (application) id");

    static string Guid(string? id, string errorId, string what) =>
        id is { Length: 36 } && System.Guid.TryParseExact(id, "D", out _)
            ? id
            : throw Invalid(errorId, id, $"is not a {what}: use a GUID such as 00000000-0000-0000-0000-000000000000");

    public static TimeSpan Seconds(double seconds, double min, double max, string errorId, string what) =>
        !double.IsNaN(seconds) && seconds >= min && seconds <= max
            ? TimeSpan.FromSeconds(seconds)
            : throw Invalid(errorId, seconds.ToString(CultureInfo.InvariantCulture), $"is not a valid {what}: use {min} to {max} seconds");

    public static int Count(int value, int min, int max, string errorId, string what) =>
        value >= min && value <= max
            ? value
            : throw Invalid(errorId, value.ToString(CultureInfo.InvariantCulture), $"is not a valid {what}: use {min} to {max}");

    /// <summary>How long to wait for something (<paramref name="what"/>, a parameter's name): more than nothing, at most a day.</summary>
    public static TimeSpan Timeout(TimeSpan timeout, string what = "timeout") =>
        timeout > TimeSpan.Zero && timeout <= TimeSpan.FromDays(1)
            ? timeout
            : throw Invalid(ErrorIds.InvalidTimeout, timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                $"is not a valid {what}: use more than 0 and at most 86400 seconds (a day)");

    /// <summary>ARM's Enabled/Disabled switches, any casing, written as ARM writes them.</summary>
    public static string EnabledOrDisabled(string? value, string what) =>
        value?.Trim().ToLowerInvariant() switch
        {
            "enabled" => "Enabled",
            "disabled" => "Disabled",
            _ => throw Invalid(ErrorIds.InvalidSetting, value, $"is not a value for {what}: use Enabled or Disabled"),
        };

    // ----- Shared.

    static AcrGeoException Invalid(string errorId, string? value, string problem) =>
        new(errorId, AcrErrorCategory.InvalidArgument, $"'{Printable(value)}' {problem}.", value);

    /// <summary>
    /// A value as an error message may show it: control characters as escapes (a newline must not pass as the end of the
    /// message), long values shortened.
    /// </summary>
    public static string Printable(string? value)
    {
        if (value is null) return "(null)";
        var text = new StringBuilder(Math.Min(value.Length, 120));
        foreach (var c in value.Length > 100 ? value.Substring(0, 100) : value)
            text.Append(char.IsControl(c) || c is '\u200B' or '\u200E' or '\u200F' or '\u202E' or '\uFEFF' ? $"\\u{(int)c:x4}" : c.ToString());
        if (value.Length > 100) text.Append($"... ({value.Length} characters)");
        return text.ToString();
    }

    static string Describe(string value, int index)
    {
        var c = value[index];
        return char.IsControl(c) || char.IsWhiteSpace(c) ? $"the character U+{(int)c:X4}" : $"'{c}'";
    }

    static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
    static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
    static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || IsAsciiDigit(c);
    static bool IsLowerAsciiLetter(char c) => c is >= 'a' and <= 'z';
    static bool IsLowerAsciiLetterOrDigit(char c) => IsLowerAsciiLetter(c) || IsAsciiDigit(c);
    static bool IsHttpTokenChar(char c) => IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
}
