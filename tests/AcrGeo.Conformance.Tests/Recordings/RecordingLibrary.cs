using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace AcrGeo.Conformance.Tests.Recordings;

/// <summary>
/// The recorded Azure traffic in <c>shared/recordings</c> beside the repository (read at run time, never copied into it):
/// the Azure CLI's vcrpy cassettes and the JSON excerpts transcribed from Azure PowerShell, the Azure SDK for JS and
/// users' reports.
/// </summary>
public static class RecordingLibrary
{
    static readonly Lazy<IReadOnlyList<Recording>> all = new(LoadAll);

    public static IReadOnlyList<Recording> All => all.Value;

    public static Recording Get(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new InvalidOperationException($"No recording named '{name}' in {Folder}.");

    /// <summary>
    /// The folder, found by walking up from the repository root (where the test assembly was built) to the first folder
    /// that has <c>shared/recordings</c>: CI lays <c>shared</c> beside its clone, a developer's worktree has it further up.
    /// A missing folder fails the suite: a conformance suite that finds nothing to compare must not pass.
    /// </summary>
    public static string Folder { get; } = Locate();

    static string Locate()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "recordings");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"The recorded Azure traffic was not found: no folder above '{start.FullName}' has shared/recordings. The conformance " +
            "suite compares the emulator and the engine with those recordings; put the project's shared folder beside the " +
            "repository (as CI does) and run again.");
    }

    static IReadOnlyList<Recording> LoadAll()
    {
        var cassettes = Directory.GetFiles(Path.Combine(Folder, "azure-cli"), "*.yaml").Order(StringComparer.Ordinal).Select(ReadCassette);
        var excerpts = Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(ReadExcerpts);
        var loaded = cassettes.Concat(excerpts).ToList();
        if (loaded.Sum(r => r.Exchanges.Count) == 0)
            throw new InvalidDataException($"'{Folder}' holds no recorded exchange.");
        return loaded;
    }

    /// <summary>
    /// A vcrpy cassette: <c>interactions[].request{method,uri,headers,body}</c> and
    /// <c>response{status{code},headers,body{string}}</c>, header values as lists. The Azure CLI's recorder drops
    /// Retry-After (azure-cli-testsdk's filtered headers), so a missing one there proves nothing.
    /// </summary>
    static Recording ReadCassette(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var name = Path.GetFileName(path);
        var exchanges = new List<RecordedExchange>();
        foreach (var (node, index) in ((YamlSequenceNode)root["interactions"]).Children.Select((n, i) => (n, i)))
        {
            var interaction = (YamlMappingNode)node;
            var request = (YamlMappingNode)interaction["request"];
            var response = (YamlMappingNode)interaction["response"];
            var body = response.Children.TryGetValue("body", out var b) && b is YamlMappingNode bodyMap
                       && bodyMap.Children.TryGetValue("string", out var text) ? Scalar(text) : null;
            exchanges.Add(new RecordedExchange(name, index, Scalar(request["method"])!, new Uri(Scalar(request["uri"])!),
                Headers(request), Scalar(request["body"]), int.Parse(Scalar(((YamlMappingNode)response["status"])["code"])!),
                Headers(response), body, KeepsRetryAfter: false));
        }
        return new Recording(name, exchanges);
    }

    /// <summary>A scalar's text; YAML's plain <c>null</c> (a body vcrpy recorded as absent) is null.</summary>
    static string? Scalar(YamlNode node) =>
        node is YamlScalarNode scalar && !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "null" or "~")
            ? scalar.Value
            : null;

    static Dictionary<string, string> Headers(YamlMappingNode message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!message.Children.TryGetValue("headers", out var node) || node is not YamlMappingNode map) return headers;
        foreach (var (key, value) in map.Children)
            headers[Scalar(key)!] = value is YamlSequenceNode list ? string.Join(",", list.Children.Select(Scalar)) : Scalar(value) ?? "";
        return headers;
    }

    /// <summary>
    /// The JSON excerpts: <c>exchanges[].{id, request{method,uri,body}, response{status,headers,body}}</c>. Header values
    /// replaced by "(kept out)" were dates and routing ids; they are left out here. These recordings keep Retry-After.
    /// </summary>
    static Recording ReadExcerpts(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var name = Path.GetRelativePath(Folder, path).Replace('\\', '/');
        var exchanges = (root["exchanges"] as JsonArray ?? []).OfType<JsonObject>().Select((e, index) =>
        {
            var request = e["request"]!;
            var response = e["response"]!;
            var headers = (response["headers"] as JsonObject ?? [])
                .Where(h => (string?)h.Value != "(kept out)")
                .ToDictionary(h => h.Key, h => (string?)h.Value ?? "", StringComparer.OrdinalIgnoreCase);
            var uri = ((string)request["uri"]!).Replace("(signed)", "signed", StringComparison.Ordinal);
            return new RecordedExchange(name, index, (string)request["method"]!, new Uri(uri.Replace(" ", "%20").Replace("{", "%7B").Replace("}", "%7D")),
                new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), (string?)request["body"],
                (int)response["status"]!, headers, (string?)response["body"], KeepsRetryAfter: true);
        }).ToList();
        return new Recording(name, exchanges);
    }
}
