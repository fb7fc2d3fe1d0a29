using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>An HTTP answer reduced to what the comparison reads.</summary>
public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string? Body, bool KeepsRetryAfter = true)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>
/// Compares an emulator answer with Azure's recorded one: status, the headers clients act on, JSON property paths, value
/// types and error codes, and the values of properties whose value does not naturally differ. What naturally differs is
/// decided by rule from the value itself (<see cref="Varies"/>), never by listing properties.
/// </summary>
public static partial class ShapeComparer
{
    static readonly string[] UrlHeaders = ["Azure-AsyncOperation", "Location"];

    /// <param name="identify">Maps an identifier Azure chose to the emulator's, so list items can be paired.</param>
    public static (List<Difference> Differences, int PathsCompared) Compare(string exchange, string kind, Answer azure, Answer emulator,
        Func<string, string> identify)
    {
        var differences = new List<Difference>();
        void Add(DifferenceKind k, string path, string? recorded, string? actual) =>
            differences.Add(new Difference(k, exchange, kind, path, recorded, actual));

        var azureBody = Parse(azure.Body);
        var emulatorBody = Parse(emulator.Body);
        var azureCode = ErrorCode(azureBody);
        var emulatorCode = ErrorCode(emulatorBody);
        if (azureCode is not null && azureCode != emulatorCode) Add(DifferenceKind.ErrorCode, "error.code", azureCode, emulatorCode);
        if (azure.Status != emulator.Status)
        {
            // Another status means another answer altogether: its body and headers are not comparable.
            Add(DifferenceKind.Status, "(status)", azure.Status.ToString(), emulator.Status.ToString());
            return (differences, 0);
        }

        CompareHeaders(azure, emulator, Add);

        if (azureBody is null && emulatorBody is null)
        {
            if (!string.IsNullOrEmpty(azure.Body) || string.IsNullOrEmpty(emulator.Body)) return (differences, 0);
            Add(DifferenceKind.ExtraProperty, "(body)", null, Shorten(emulator.Body));
            return (differences, 0);
        }
        if (azureBody is null)
        {
            if (string.IsNullOrEmpty(azure.Body)) Add(DifferenceKind.ExtraProperty, "(body)", null, Shorten(emulator.Body));
            return (differences, 0);
        }
        if (emulatorBody is null)
        {
            Add(DifferenceKind.MissingProperty, "(body)", Shorten(azure.Body), Shorten(emulator.Body));
            return (differences, 0);
        }

        Pair(azureBody, emulatorBody, identify);
        var azureLeaves = Flatten(azureBody);
        var emulatorLeaves = Flatten(emulatorBody);
        foreach (var (path, recorded) in azureLeaves)
        {
            if (!emulatorLeaves.TryGetValue(path, out var actual))
            {
                Add(DifferenceKind.MissingProperty, path, Describe(recorded), null);
                continue;
            }
            var recordedTypes = Types(recorded);
            var actualTypes = Types(actual);
            if (!recordedTypes.SetEquals(actualTypes))
            {
                Add(DifferenceKind.Type, path, string.Join("|", recordedTypes.Order()), string.Join("|", actualTypes.Order()));
                continue;
            }
            if (IsErrorCodePath(path)) continue;
            var recordedValues = Comparable(path, recorded);
            var actualValues = Comparable(path, actual);
            // Inside lists the items are the account's data: a value is wrong only when none of Azure's appears at all.
            var differs = path.Contains("[]", StringComparison.Ordinal)
                ? !recordedValues.Overlaps(actualValues)
                : !recordedValues.SetEquals(actualValues);
            if (recordedValues.Count > 0 && differs)
                Add(DifferenceKind.Value, path, string.Join("|", recordedValues.Order()), string.Join("|", actualValues.Order()));
        }
        foreach (var (path, actual) in emulatorLeaves)
            if (!azureLeaves.ContainsKey(path) && !CoveredByEmptyContainer(path, azureLeaves))
                Add(DifferenceKind.ExtraProperty, path, null, Describe(actual));
        return (differences, azureLeaves.Count);
    }

    static void CompareHeaders(Answer azure, Answer emulator, Action<DifferenceKind, string, string?, string?> add)
    {
        foreach (var name in UrlHeaders)
        {
            var recorded = azure.Header(name);
            var actual = emulator.Header(name);
            if (recorded is null != actual is null) add(DifferenceKind.Header, name, recorded is null ? null : UrlShape(recorded), actual is null ? null : UrlShape(actual));
            else if (recorded is not null && UrlShape(recorded) != UrlShape(actual!)) add(DifferenceKind.Header, name, UrlShape(recorded), UrlShape(actual!));
        }
        // The Azure CLI's recorder drops Retry-After: its absence there is no evidence, its presence elsewhere is.
        var retryAfter = azure.Header("Retry-After");
        if ((azure.KeepsRetryAfter || retryAfter is not null) && retryAfter != emulator.Header("Retry-After"))
            add(DifferenceKind.Header, "Retry-After", retryAfter, emulator.Header("Retry-After"));
        var challenge = azure.Header("WWW-Authenticate");
        var answered = emulator.Header("WWW-Authenticate");
        if (challenge is null != answered is null
            || (challenge is not null && ChallengeShape(challenge) != ChallengeShape(answered!)))
            add(DifferenceKind.Header, "WWW-Authenticate", challenge is null ? null : ChallengeShape(challenge),
                answered is null ? null : ChallengeShape(answered));
    }

    /// <summary>A URL's path with ids and GUIDs as placeholders, case-insensitive, host and query aside.</summary>
    public static string UrlShape(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url.Split('?')[0];
        // Operation ids are GUIDs here, opaque tokens there (ARM's base64 job ids): both are just ids.
        return OpaqueSegment().Replace(Guid().Replace(path, "{id}"), "/{id}").ToLowerInvariant();
    }

    /// <summary>"Bearer authorization,resource": the scheme and the names of its parameters.</summary>
    static string ChallengeShape(string challenge)
    {
        var scheme = challenge.Split(' ', 2)[0];
        var names = ChallengeParameter().Matches(challenge).Select(m => m.Groups[1].Value.ToLowerInvariant()).Order();
        return $"{scheme} {string.Join(",", names)}";
    }

    static JsonNode? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>ARM's and Graph's <c>error.code</c>, or the Docker registry API's <c>errors[0].code</c>.</summary>
    static string? ErrorCode(JsonNode? body) =>
        body is JsonObject o ? (string?)(o["error"] as JsonObject)?["code"] ?? (string?)((o["errors"] as JsonArray)?.FirstOrDefault() as JsonObject)?["code"] : null;

    static bool IsErrorCodePath(string path) => path is "error.code" or "errors[].code";

    /// <summary>
    /// Lists of named things (resources, applications, secrets) hold what the account has: Azure's list and the
    /// emulator's are compared item by item for the items both have, paired by name, else by the last segment of the id
    /// (Azure's identifiers mapped to the emulator's). Items only one side has are the account's own, and left out.
    /// </summary>
    static void Pair(JsonNode azure, JsonNode emulator, Func<string, string> identify)
    {
        switch (azure, emulator)
        {
            case (JsonObject a, JsonObject e):
                foreach (var (key, value) in a)
                    if (value is not null && e[key] is { } other) Pair(value, other, identify);
                break;
            case (JsonArray a, JsonArray e) when a.Count + e.Count > 0 && a.All(Identity) && e.All(Identity):
                var emulatorByIdentity = e.GroupBy(i => IdentityOf(i, s => s)).ToDictionary(g => g.Key, g => g.First());
                var pairs = a.Select(i => (Azure: i, Emulator: emulatorByIdentity.GetValueOrDefault(IdentityOf(i, identify))))
                    .Where(p => p.Emulator is not null).ToList();
                a.Clear();
                e.Clear();
                foreach (var (left, right) in pairs)
                {
                    var (l, r) = (left!.DeepClone(), right!.DeepClone());
                    Pair(l, r, identify);
                    a.Add(l);
                    e.Add(r);
                }
                break;
            case (JsonArray a, JsonArray e):
                foreach (var item in a.OfType<JsonNode>())
                foreach (var other in e.OfType<JsonNode>())
                    if (item.GetValueKind() == other.GetValueKind()) Pair(item, other, identify);
                break;
        }
    }

    static bool Identity(JsonNode? item) => item is JsonObject o && (o["name"] is JsonValue || o["id"] is JsonValue);

    static string IdentityOf(JsonNode? item, Func<string, string> identify)
    {
        var o = (JsonObject)item!;
        var identity = o["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : o["id"]!.ToString();
        return identify(identity.TrimEnd('/').Split('/')[^1]).ToLowerInvariant();
    }

    /// <summary>Every leaf by path; array items share the path "name[]"; empty objects and arrays are leaves too.</summary>
    static Dictionary<string, List<JsonNode?>> Flatten(JsonNode root)
    {
        var leaves = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o when o.Count > 0:
                    foreach (var (key, value) in o) Walk(value, path.Length == 0 ? key : $"{path}.{key}");
                    break;
                case JsonArray a when a.Count > 0:
                    foreach (var item in a) Walk(item, path + "[]");
                    break;
                default:
                    var at = path.Length == 0 ? "(body)" : path;
                    if (!leaves.TryGetValue(at, out var list)) leaves[at] = list = [];
                    list.Add(node);
                    break;
            }
        }
        Walk(root, "");
        return leaves;
    }

    /// <summary>An emulator path below one Azure answered as an empty object or array ("value": [] with items here).</summary>
    static bool CoveredByEmptyContainer(string path, Dictionary<string, List<JsonNode?>> azure) =>
        azure.Any(a => a.Value.All(v => v is JsonObject or JsonArray) && (path.StartsWith(a.Key + ".", StringComparison.Ordinal)
                                                                          || path.StartsWith(a.Key + "[]", StringComparison.Ordinal)));

    static HashSet<string> Types(List<JsonNode?> values) => values.Select(v => v switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            var other => other.ToString().ToLowerInvariant(),
        },
        _ => "unknown",
    }).ToHashSet();

    /// <summary>The values compared as values: booleans, numbers and strings that do not naturally differ.</summary>
    static HashSet<string> Comparable(string path, List<JsonNode?> values)
    {
        var property = path.Split('.')[^1].TrimEnd('[', ']');
        return values.OfType<JsonValue>().Select(v => v.GetValueKind() switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => IsEpoch(v.GetValue<double>()) ? null : v.GetValue<double>().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String => Varies(property, v.GetValue<string>()) ? null : v.GetValue<string>(),
            _ => null,
        }).OfType<string>().ToHashSet();
    }

    /// <summary>Unix times (Key Vault's attributes, tokens): between 2001 and 5138 in seconds.</summary>
    static bool IsEpoch(double number) => number % 1 == 0 && number is >= 1e9 and < 1e11;

    /// <summary>
    /// Values that naturally differ between two runs, by rule: anything holding a GUID or a long hex id, a date or time,
    /// a URL, host name or resource path, an e-mail address, free text (messages, descriptions: anything with a space), an
    /// opaque string of 24 characters or more (keys, tokens, base64), and the values of properties named for secrets or
    /// what derives from them (secret, password, hint, token, key).
    /// </summary>
    public static bool Varies(string property, string value)
    {
        var name = property.ToLowerInvariant();
        return NameOrId(property) || Guid().IsMatch(value) || LongHex().IsMatch(value) || DateTime().IsMatch(value)
               || value.Contains("://", StringComparison.Ordinal) || value.StartsWith('/') || value.Contains('@')
               || value.Any(char.IsWhiteSpace) || HostName().IsMatch(value) || IpAddress().IsMatch(value) || value.Length >= 24
               || name.Contains("secret") || name.Contains("password") || name.Contains("hint") || name.Contains("token")
               || name.Contains("key");
    }

    /// <summary>Names and ids are chosen by whoever made the thing: "name", "displayName", "...Name", "...Id".</summary>
    static bool NameOrId(string property) =>
        property is "name" or "id" || property.EndsWith("Name", StringComparison.Ordinal) || property.EndsWith("Id", StringComparison.Ordinal);

    static string Describe(List<JsonNode?> values) => Shorten(string.Join("|", values.Select(v => v?.ToJsonString() ?? "null").Distinct()))!;

    static string? Shorten(string? text) => text is null ? null : text.Length <= 80 ? text : text[..77] + "...";

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("/[A-Za-z0-9_=-]{24,}(?=/|$)")]
    private static partial Regex OpaqueSegment();

    [GeneratedRegex("[0-9a-fA-F]{32}")]
    private static partial Regex LongHex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}|^\w{3}, \d{2} \w{3} \d{4}")]
    private static partial Regex DateTime();

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex IpAddress();

    [GeneratedRegex(@"([A-Za-z_]+)=")]
    private static partial Regex ChallengeParameter();
}
