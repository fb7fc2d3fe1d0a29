using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Arm;

/// <summary>Reading ARM requests and writing ARM responses.</summary>
static class ArmHttp
{
    /// <summary>Azure writes quotes and plus signs as they are, not as \u0027 and \u002B.</summary>
    public static readonly JsonSerializerOptions Wire = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Json(JsonNode? body, int status = 200) =>
        Results.Content(body?.ToJsonString(Wire) ?? "", "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>Timestamps as ARM writes them: ISO 8601 in UTC with a Z.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("o");

    public static JsonObject Error(string code, string message, string? target = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null) error["target"] = target;
        return new JsonObject { ["error"] = error };
    }

    /// <summary>The request body as a JSON object, or ARM's InvalidRequestContent.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            throw ArmException.InvalidRequestContent("The request body is empty; a JSON object was expected.");
        try
        {
            return JsonNode.Parse(text) as JsonObject
                   ?? throw ArmException.InvalidRequestContent("The request body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw ArmException.InvalidRequestContent(e.Message);
        }
    }

    /// <summary>An optional body: empty means an empty object (POST actions often have none).</summary>
    public static async Task<JsonObject> ReadOptionalObjectAsync(HttpContext ctx) =>
        ctx.Request.ContentLength is 0 or null && !ctx.Request.Headers.ContainsKey("Transfer-Encoding")
            ? new JsonObject()
            : await ReadObjectAsync(ctx);

    /// <summary>One page of a list, with a nextLink to the rest when there is more than a page.</summary>
    public static IResult Page(HttpContext ctx, IEnumerable<JsonNode> items, int pageSize)
    {
        var all = items.ToList();
        var skip = int.TryParse(ctx.Request.Query["$skipToken"], out var s) && s > 0 ? s : 0;
        var size = pageSize > 0 ? pageSize : int.MaxValue;
        var page = new JsonArray(all.Skip(skip).Take(size).Select(i => i.DeepClone()).ToArray());
        var body = new JsonObject { ["value"] = page };
        if (skip + size < all.Count)
        {
            var query = ctx.Request.Query
                .Where(q => !q.Key.Equals("$skipToken", StringComparison.OrdinalIgnoreCase))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"$skipToken={skip + size}");
            body["nextLink"] = $"{BaseUrl(ctx)}{ctx.Request.Path}?{string.Join("&", query)}";
        }
        return Json(body);
    }

    public static string BaseUrl(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    public static string ApiVersion(HttpContext ctx) => ctx.Request.Query["api-version"].ToString();

    /// <summary>The JSON ARM returns for any tracked resource; <paramref name="properties"/> is the rendered bag.</summary>
    public static JsonObject Resource(ResourceRecord record, JsonObject properties)
    {
        var body = new JsonObject
        {
            ["id"] = record.Id,
            ["name"] = record.Name,
            ["type"] = record.Type,
        };
        if (record.Location is not null) body["location"] = record.Location;
        body["tags"] = new JsonObject(record.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        if (record.Sku is not null) body["sku"] = record.Sku.DeepClone();
        body["systemData"] = new JsonObject
        {
            ["createdBy"] = record.CreatedBy,
            ["createdByType"] = "Application",
            ["createdAt"] = Time(record.CreatedAt),
            ["lastModifiedBy"] = record.CreatedBy,
            ["lastModifiedByType"] = "Application",
            ["lastModifiedAt"] = Time(record.ModifiedAt),
        };
        body["properties"] = properties;
        return body;
    }

    /// <summary>Tags from a request body: ARM allows at most 50, names up to 512 characters, values up to 256.</summary>
    public static Dictionary<string, string>? ReadTags(JsonObject body)
    {
        if (!body.TryGetPropertyValue("tags", out var node) || node is null) return null;
        if (node is not JsonObject tags) throw ArmException.InvalidRequestContent("'tags' must be an object.");
        if (tags.Count > 50)
            throw ArmException.BadRequest("InvalidTagCount", "The resource has more than 50 tags; at most 50 are allowed.");
        var result = new Dictionary<string, string>();
        foreach (var (name, value) in tags)
        {
            if (name.Length > 512 || name.IndexOfAny(['<', '>', '%', '&', '\\', '?', '/']) >= 0)
                throw ArmException.BadRequest("InvalidTagNameCharacters",
                    $"The tag name '{name}' has characters that are not allowed: '<,>,%,&,\\,?,/' or is longer than 512 characters.");
            var text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "";
            if (text.Length > 256)
                throw ArmException.BadRequest("InvalidTagValueLength", $"The tag value of '{name}' is longer than 256 characters.");
            result[name] = text;
        }
        return result;
    }

    public static string? ReadString(JsonObject body, string name)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null) return null;
        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw ArmException.InvalidRequestContent($"'{name}' must be a string.");
    }

    public static bool? ReadBool(JsonObject? body, string name)
    {
        if (body is null || !body.TryGetPropertyValue(name, out var node) || node is null) return null;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ArmException.InvalidRequestContent($"'{name}' must be true or false."),
        };
    }

    public static JsonObject? ReadObject(JsonObject body, string name)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null) return null;
        return node as JsonObject ?? throw ArmException.InvalidRequestContent($"'{name}' must be an object.");
    }
}
