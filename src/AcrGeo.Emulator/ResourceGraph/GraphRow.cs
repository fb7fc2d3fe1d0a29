using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.ResourceGraph;

/// <summary>
/// One row of Resource Graph's <c>resources</c> table. Columns are worked out only when a query reads them: filtering and
/// sorting thousands of rows by type and id never renders their properties; only the page that is sent does.
/// </summary>
public sealed class GraphRow
{
    readonly List<(string Name, Lazy<JsonNode?> Value)> columns;

    public GraphRow(IEnumerable<(string Name, Func<JsonNode?> Value)> columns) =>
        this.columns = columns.Select(c => (c.Name, new Lazy<JsonNode?>(c.Value))).ToList();

    GraphRow(List<(string Name, Lazy<JsonNode?> Value)> columns) => this.columns = columns;

    /// <summary>A column (KQL names are case-sensitive), or a path into one: <c>properties.provisioningState</c>.</summary>
    public JsonNode? Value(string path)
    {
        var segments = path.Split('.');
        var column = columns.FirstOrDefault(c => c.Name == segments[0]);
        var node = column.Value?.Value;
        foreach (var segment in segments.Skip(1))
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var inner) ? inner : null;
        return node;
    }

    /// <summary>A scalar's text (what comparisons and sorting see); null for a missing value or an object.</summary>
    public string? Text(string path) => Value(path) is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : null;

    public GraphRow Project(IEnumerable<(string Name, string Source)> chosen) =>
        new(chosen.Select(c => (c.Name, new Lazy<JsonNode?>(() => Value(c.Source)?.DeepClone()))).ToList());

    public GraphRow Extend(IEnumerable<(string Name, Func<GraphRow, JsonNode?> Value)> added)
    {
        var result = columns.ToList();
        foreach (var (name, value) in added)
        {
            result.RemoveAll(c => c.Name == name);
            result.Add((name, new Lazy<JsonNode?>(() => value(this))));
        }
        return new GraphRow(result);
    }

    public bool Has(string column) => columns.Any(c => c.Name == column);

    public JsonObject ToJson() => new(columns.Select(c => KeyValuePair.Create(c.Name, c.Value.Value?.DeepClone())));
}
